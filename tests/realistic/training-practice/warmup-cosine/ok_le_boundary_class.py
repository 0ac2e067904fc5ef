"""A schedule object; the warm-up branch also covers epoch == warmup_epochs (it gives alpha0 there too)."""
import numpy as np


class WarmupCosine:
    def __init__(self, alpha0, warmup_epochs, decay_epochs, final_ratio=0.0):
        self.alpha0, self.warmup, self.decay, self.final = alpha0, warmup_epochs, decay_epochs, final_ratio

    def cosine(self, t):
        t = np.minimum(t, self.decay)
        return self.alpha0 * ((1 - self.final) * (1 + np.cos(np.pi * t / self.decay)) / 2 + self.final)

    def __call__(self, epoch):
        epoch = np.asarray(epoch)
        if self.warmup == 0:
            return self.cosine(epoch)
        return np.where(epoch <= self.warmup, self.alpha0 * epoch / self.warmup,
                        self.cosine(np.maximum(epoch - self.warmup, 0)))


def cosine_decay(alpha0, decay_epochs, epoch, final_ratio=0.0):
    return WarmupCosine(alpha0, 0, decay_epochs, final_ratio)(epoch)


def warmup_cosine(alpha0, warmup_epochs, decay_epochs, epoch, final_ratio=0.0):
    return WarmupCosine(alpha0, warmup_epochs, decay_epochs, final_ratio)(epoch)
