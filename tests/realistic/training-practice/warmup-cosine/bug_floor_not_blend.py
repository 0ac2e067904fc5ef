"""final_ratio used as a floor under the cosine instead of the level the cosine decays to."""
import numpy as np


def cosine_decay(alpha0, decay_epochs, epoch, final_ratio=0.0):
    t = np.minimum(np.asarray(epoch, dtype=float), decay_epochs)
    return alpha0 * np.maximum(0.5 * (1 + np.cos(np.pi * t / decay_epochs)), final_ratio)


def warmup_cosine(alpha0, warmup_epochs, decay_epochs, epoch, final_ratio=0.0):
    e = np.asarray(epoch, dtype=float)
    return np.where(e < warmup_epochs, alpha0 * e / warmup_epochs,
                    cosine_decay(alpha0, decay_epochs, np.maximum(e - warmup_epochs, 0), final_ratio))
