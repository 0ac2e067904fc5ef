"""decay_epochs read as the whole run, warm-up included (as in many transformer schedules): the cosine is too short."""
import numpy as np


def cosine_decay(alpha0, decay_epochs, epoch, final_ratio=0.0):
    t = np.minimum(np.asarray(epoch, dtype=float), decay_epochs)
    return alpha0 * ((1 - final_ratio) * 0.5 * (1 + np.cos(np.pi * t / decay_epochs)) + final_ratio)


def warmup_cosine(alpha0, warmup_epochs, decay_epochs, epoch, final_ratio=0.0):
    e = np.asarray(epoch, dtype=float)
    progress = np.clip((e - warmup_epochs) / (decay_epochs - warmup_epochs), 0.0, 1.0)
    cosine = alpha0 * ((1 - final_ratio) * 0.5 * (1 + np.cos(np.pi * progress)) + final_ratio)
    return np.where(e < warmup_epochs, alpha0 * e / warmup_epochs, cosine)
