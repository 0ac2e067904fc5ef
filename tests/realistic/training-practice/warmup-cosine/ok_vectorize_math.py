"""Cosine decay with warm-up: scalar formulas with math and if, lifted to arrays by np.vectorize."""
import math

import numpy as np


def _cosine_scalar(alpha0, decay_epochs, epoch, final_ratio):
    t = min(epoch, decay_epochs)
    decayed = (1 - final_ratio) * 0.5 * (1 + math.cos(math.pi * t / decay_epochs)) + final_ratio
    return alpha0 * decayed


def _warmup_scalar(alpha0, warmup_epochs, decay_epochs, epoch, final_ratio):
    if epoch < warmup_epochs:
        return alpha0 * epoch / warmup_epochs
    return _cosine_scalar(alpha0, decay_epochs, epoch - warmup_epochs, final_ratio)


_cosine = np.vectorize(_cosine_scalar, otypes=[float])
_warmup = np.vectorize(_warmup_scalar, otypes=[float])


def cosine_decay(alpha0, decay_epochs, epoch, final_ratio=0.0):
    return _cosine(alpha0, decay_epochs, epoch, final_ratio)


def warmup_cosine(alpha0, warmup_epochs, decay_epochs, epoch, final_ratio=0.0):
    return _warmup(alpha0, warmup_epochs, decay_epochs, epoch, final_ratio)
