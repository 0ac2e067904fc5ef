"""np.interp for the warm-up ramp, np.clip for the cosine's t; a 0-d result turned back into a float."""
import numpy as np


def cosine_decay(alpha0, decay_epochs, epoch, final_ratio=0.0):
    t = np.clip(np.asarray(epoch, dtype=np.float64), 0, decay_epochs)
    cosine = 0.5 * (1 + np.cos(np.pi * t / decay_epochs))
    out = alpha0 * (final_ratio + (1 - final_ratio) * cosine)
    return float(out) if out.ndim == 0 else out


def warmup_cosine(alpha0, warmup_epochs, decay_epochs, epoch, final_ratio=0.0):
    e = np.asarray(epoch, dtype=np.float64)
    ramp = np.interp(e, [0, warmup_epochs], [0, alpha0])
    out = np.where(e < warmup_epochs, ramp, cosine_decay(alpha0, decay_epochs, e - warmup_epochs, final_ratio))
    return float(out) if out.ndim == 0 else out
