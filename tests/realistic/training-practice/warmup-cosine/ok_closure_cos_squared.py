"""Closures that build the schedule once; (1 + cos x) / 2 written as cos(x / 2) ** 2."""
import numpy as np


def make_cosine(alpha0, decay_epochs, final_ratio=0.0):
    floor = alpha0 * final_ratio

    def schedule(epoch):
        t = np.minimum(np.asarray(epoch, dtype=np.float64), decay_epochs)
        return floor + (alpha0 - floor) * np.cos(np.pi * t / (2 * decay_epochs)) ** 2

    return schedule


def make_warmup_cosine(alpha0, warmup_epochs, decay_epochs, final_ratio=0.0):
    cosine = make_cosine(alpha0, decay_epochs, final_ratio)

    def schedule(epoch):
        e = np.asarray(epoch, dtype=np.float64)
        return np.where(e < warmup_epochs, alpha0 * e / warmup_epochs, cosine(np.maximum(e - warmup_epochs, 0)))

    return schedule


def cosine_decay(alpha0, decay_epochs, epoch, final_ratio=0.0):
    return make_cosine(alpha0, decay_epochs, final_ratio)(epoch)


def warmup_cosine(alpha0, warmup_epochs, decay_epochs, epoch, final_ratio=0.0):
    return make_warmup_cosine(alpha0, warmup_epochs, decay_epochs, final_ratio)(epoch)
