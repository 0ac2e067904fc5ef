"""Misconception: the cosine is not held at its end, so after decay_epochs the rate rises again."""
from __future__ import annotations

import numpy as np


def cosine_decay(alpha0: float, decay_epochs: int, epoch: int | np.ndarray,
                 final_ratio: float = 0.0) -> float | np.ndarray:
    t = np.asarray(epoch, dtype=np.float64)
    cosine = 0.5 * (1.0 + np.cos(np.pi * t / decay_epochs))
    return alpha0 * ((1.0 - final_ratio) * cosine + final_ratio)


def warmup_cosine(alpha0: float, warmup_epochs: int, decay_epochs: int, epoch: int | np.ndarray,
                  final_ratio: float = 0.0) -> float | np.ndarray:
    e = np.asarray(epoch, dtype=np.float64)
    warm = alpha0 * e / warmup_epochs
    decayed = cosine_decay(alpha0, decay_epochs, np.maximum(e - warmup_epochs, 0.0), final_ratio)
    return np.where(e < warmup_epochs, warm, decayed)[()]  # [()]: a single epoch gives a single number
