"""Warm-up that reaches alpha0 on its last warm-up epoch: (epoch + 1) / warmup_epochs."""
import numpy as np


def cosine_decay(alpha0, decay_epochs, epoch, final_ratio=0.0):
    t = np.minimum(np.asarray(epoch, dtype=float), decay_epochs)
    return alpha0 * ((1 - final_ratio) * 0.5 * (1 + np.cos(np.pi * t / decay_epochs)) + final_ratio)


def warmup_cosine(alpha0, warmup_epochs, decay_epochs, epoch, final_ratio=0.0):
    e = np.asarray(epoch, dtype=float)
    warm = alpha0 * (e + 1) / warmup_epochs
    return np.where(e < warmup_epochs, warm, cosine_decay(alpha0, decay_epochs, np.maximum(e - warmup_epochs, 0), final_ratio))
