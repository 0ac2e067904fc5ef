"""Learning-rate schedules: the rate to train epoch `epoch` with, counting epochs from 0.

Every function accepts `epoch` as a whole number or as a NumPy array of whole numbers, and then returns an
array of the same shape (use NumPy functions such as np.sqrt, np.maximum, np.floor_divide, not math.*).
"""
from __future__ import annotations

import numpy as np


def inverse_time(alpha0: float, decay: float, epoch: int | np.ndarray) -> float | np.ndarray:
    """1/t decay: alpha0 / (1 + decay * epoch).

    e.g. inverse_time(0.1, 0.1, 10) -> 0.05
    """
    # TODO: the rate falls like 1/t
    raise NotImplementedError


def exponential(alpha0: float, beta: float, epoch: int | np.ndarray) -> float | np.ndarray:
    """Exponential decay: alpha0 * beta ** epoch (0 < beta < 1).

    e.g. exponential(0.1, 0.5, 2) -> 0.025
    """
    # TODO: multiply the starting rate by beta once per epoch
    raise NotImplementedError


def inverse_sqrt(alpha0: float, k: float, epoch: int | np.ndarray) -> float | np.ndarray:
    """k/sqrt(epoch) decay: alpha0 * k / sqrt(epoch), where epoch 0 uses the rate of epoch 1.

    e.g. inverse_sqrt(0.1, 1.0, 4) -> 0.05, and inverse_sqrt(0.1, 1.0, 0) -> 0.1 (same as epoch 1)
    """
    # TODO: avoid dividing by sqrt(0) at epoch 0, for single epochs and arrays alike
    raise NotImplementedError


def step(alpha0: float, k: float, every: int, epoch: int | np.ndarray) -> float | np.ndarray:
    """Step decay: divide the rate by k every `every` epochs: alpha0 / k ** floor(epoch / every).

    e.g. step(0.1, 2.0, 10, 9) -> 0.1, step(0.1, 2.0, 10, 10) -> 0.05, step(0.1, 2.0, 10, 25) -> 0.025
    """
    # TODO: count the drops that happened before this epoch
    raise NotImplementedError
