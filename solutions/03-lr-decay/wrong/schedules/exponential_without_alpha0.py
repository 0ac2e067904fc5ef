"""Misconception: exponential decay as beta ** epoch, the slides' formula that forgets alpha0."""
from __future__ import annotations

import numpy as np


def inverse_time(alpha0: float, decay: float, epoch: int | np.ndarray) -> float | np.ndarray:
    return alpha0 / (1.0 + decay * np.asarray(epoch, dtype=np.float64))


def exponential(alpha0: float, beta: float, epoch: int | np.ndarray) -> float | np.ndarray:
    return np.power(float(beta), np.asarray(epoch, dtype=np.float64))


def inverse_sqrt(alpha0: float, k: float, epoch: int | np.ndarray) -> float | np.ndarray:
    # Epoch 0 would divide by sqrt(0): it takes the rate of epoch 1, the lesson's stated convention.
    return alpha0 * k / np.sqrt(np.maximum(np.asarray(epoch, dtype=np.float64), 1.0))


def step(alpha0: float, k: float, every: int, epoch: int | np.ndarray) -> float | np.ndarray:
    drops = np.floor_divide(np.asarray(epoch), every)
    # A float base: k ** drops in integers would overflow int64 after about 63 drops of k = 2.
    return alpha0 / np.power(float(k), drops)
