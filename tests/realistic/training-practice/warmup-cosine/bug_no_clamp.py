import numpy as np


def cosine_decay(alpha0, decay_epochs, epoch, final_ratio=0.0):
    epoch = np.asarray(epoch, dtype=float)
    cosine = 0.5 * (1 + np.cos(np.pi * epoch / decay_epochs))
    return alpha0 * (final_ratio + (1 - final_ratio) * cosine)


def warmup_cosine(alpha0, warmup_epochs, decay_epochs, epoch, final_ratio=0.0):
    epoch = np.asarray(epoch, dtype=float)
    since_warmup = np.maximum(epoch - warmup_epochs, 0)
    return np.where(epoch < warmup_epochs, alpha0 * epoch / warmup_epochs,
                    cosine_decay(alpha0, decay_epochs, since_warmup, final_ratio))
