"""nanoGPT-style: a progress ratio clipped to [0, 1] and min_lr + coeff * (max_lr - min_lr)."""
import numpy as np


def cosine_decay(alpha0, decay_epochs, epoch, final_ratio=0.0):
    max_lr = alpha0
    min_lr = alpha0 * final_ratio
    decay_ratio = np.clip(np.asarray(epoch) / decay_epochs, 0.0, 1.0)
    coeff = 0.5 * (1.0 + np.cos(np.pi * decay_ratio))
    return min_lr + coeff * (max_lr - min_lr)


def warmup_cosine(alpha0, warmup_epochs, decay_epochs, epoch, final_ratio=0.0):
    it = np.asarray(epoch)
    in_warmup = it < warmup_epochs
    lr = np.where(in_warmup, alpha0 * it / warmup_epochs,
                  cosine_decay(alpha0, decay_epochs, np.where(in_warmup, 0, it - warmup_epochs), final_ratio))
    if lr.ndim == 0:
        return float(lr)
    return lr
