"""Cosine decay and linear warm-up: the schedules of most modern training runs, beside the slides' four.

Epochs count from 0. Every function accepts `epoch` as a whole number or as a NumPy array of whole numbers and
then returns an array of the same shape (use NumPy: np.cos, np.minimum, np.where, not math.* or if).
"""
from __future__ import annotations

import numpy as np


def cosine_decay(alpha0: float, decay_epochs: int, epoch: int | np.ndarray,
                 final_ratio: float = 0.0) -> float | np.ndarray:
    """Cosine decay from alpha0 down to alpha0 * final_ratio over decay_epochs epochs, then flat.

    With t = min(epoch, decay_epochs): alpha0 * ((1 - final_ratio) * (1 + cos(pi * t / decay_epochs)) / 2 + final_ratio),
    as keras.optimizers.schedules.CosineDecay(alpha0, decay_epochs, alpha=final_ratio) with one step per epoch.
    e.g. cosine_decay(0.1, 10, 5) -> 0.05, cosine_decay(0.1, 10, 10) -> 0.0, cosine_decay(0.1, 10, 25) -> 0.0
    """
    # TODO: hold epoch at decay_epochs once it gets there, then apply the half cosine
    raise NotImplementedError


def warmup_cosine(alpha0: float, warmup_epochs: int, decay_epochs: int, epoch: int | np.ndarray,
                  final_ratio: float = 0.0) -> float | np.ndarray:
    """A linear warm-up from 0 to alpha0 over warmup_epochs epochs, then cosine_decay over decay_epochs.

    For epoch < warmup_epochs: alpha0 * epoch / warmup_epochs. From then on: cosine_decay(alpha0, decay_epochs,
    epoch - warmup_epochs, final_ratio), so the cosine starts at alpha0 when the warm-up ends (Keras's CosineDecay
    with initial_learning_rate=0, warmup_target=alpha0, warmup_steps=warmup_epochs).
    e.g. warmup_cosine(0.1, 4, 10, 2) -> 0.05, warmup_cosine(0.1, 4, 10, 4) -> 0.1, warmup_cosine(0.1, 4, 10, 9) -> 0.05
    """
    # TODO: the warm-up line before warmup_epochs, the shifted cosine after (np.where picks per epoch)
    raise NotImplementedError
