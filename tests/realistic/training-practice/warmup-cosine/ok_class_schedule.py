import numpy as np


class WarmupCosineSchedule:
    """Keras-like schedule object: call it with the epoch (or an array of epochs)."""

    def __init__(self, alpha0, warmup_epochs, decay_epochs, final_ratio=0.0):
        self.alpha0 = alpha0
        self.warmup_epochs = warmup_epochs
        self.decay_epochs = decay_epochs
        self.final_ratio = final_ratio

    def cosine(self, epochs):
        t = np.minimum(epochs, self.decay_epochs)
        cos_out = (1 + np.cos(np.pi * t / self.decay_epochs)) / 2
        return self.alpha0 * ((1 - self.final_ratio) * cos_out + self.final_ratio)

    def __call__(self, epoch):
        epochs = np.asarray(epoch, dtype=float)
        if self.warmup_epochs == 0:
            return self.cosine(epochs)
        lr = np.empty_like(epochs)
        warm = epochs < self.warmup_epochs
        lr[warm] = self.alpha0 * epochs[warm] / self.warmup_epochs
        lr[~warm] = self.cosine(epochs[~warm] - self.warmup_epochs)
        return lr


def cosine_decay(alpha0, decay_epochs, epoch, final_ratio=0.0):
    return WarmupCosineSchedule(alpha0, 0, decay_epochs, final_ratio)(epoch)


def warmup_cosine(alpha0, warmup_epochs, decay_epochs, epoch, final_ratio=0.0):
    return WarmupCosineSchedule(alpha0, warmup_epochs, decay_epochs, final_ratio)(epoch)
