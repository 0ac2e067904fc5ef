"""Adds final_ratio itself instead of alpha0 * final_ratio: the floor is not scaled by the starting rate."""
import numpy as np


def cosine_decay(alpha0, decay_epochs, epoch, final_ratio=0.0):
    t = np.minimum(epoch, decay_epochs)
    return alpha0 * (1 - final_ratio) * 0.5 * (1 + np.cos(np.pi * t / decay_epochs)) + final_ratio


def warmup_cosine(alpha0, warmup_epochs, decay_epochs, epoch, final_ratio=0.0):
    epoch = np.asarray(epoch)
    warm = alpha0 * epoch / max(warmup_epochs, 1)
    return np.where(epoch < warmup_epochs, warm,
                    cosine_decay(alpha0, decay_epochs, epoch - warmup_epochs, final_ratio))
