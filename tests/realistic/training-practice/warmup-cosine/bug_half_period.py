"""Uses cos(pi * t / (2 * decay_epochs)) without the (1 + cos) / 2 blend: a quarter wave from 1 to 0."""
import numpy as np


def cosine_decay(alpha0, decay_epochs, epoch, final_ratio=0.0):
    t = np.minimum(epoch, decay_epochs)
    cosine = np.cos(np.pi * t / (2 * decay_epochs))
    return alpha0 * ((1 - final_ratio) * cosine + final_ratio)


def warmup_cosine(alpha0, warmup_epochs, decay_epochs, epoch, final_ratio=0.0):
    epoch = np.asarray(epoch)
    return np.where(epoch < warmup_epochs, alpha0 * epoch / warmup_epochs,
                    cosine_decay(alpha0, decay_epochs, epoch - warmup_epochs, final_ratio))
