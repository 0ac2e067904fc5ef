"""A learning-rate range test: train with a rate that grows every step and watch where the loss turns.

Rates from far too small to far too large, spaced evenly on a log scale, one step each, on the same model. The
loss first barely moves, then falls, then blows up; a good rate sits well before the blow-up.
"""
from __future__ import annotations

import numpy as np


def loss_and_gradients(x: np.ndarray, y: np.ndarray, W: np.ndarray, b: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
    """Given, keep it as it is: (loss, dW, db) of softmax regression's mean cross-entropy on (x, y)."""
    z = x @ W + b
    z = z - z.max(axis=1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=1, keepdims=True)
    n = len(y)
    loss = float(-np.log(p[np.arange(n), y] + 1e-300).mean())
    p[np.arange(n), y] -= 1.0
    dz = p / n
    return loss, x.T @ dz, dz.sum(axis=0)


def lr_range(lr_min: float, lr_max: float, steps: int) -> np.ndarray:
    """`steps` learning rates from lr_min to lr_max, both included, evenly spaced on a log scale.

    Each rate is the previous one times the same factor (lr_max / lr_min) ** (1 / (steps - 1)).
    e.g. lr_range(1e-3, 1e1, 5) -> [1e-3, 1e-2, 1e-1, 1e0, 1e1]
    """
    # TODO
    raise NotImplementedError


def range_test(x: np.ndarray, y: np.ndarray, num_classes: int, lrs: np.ndarray) -> list[float]:
    """One step per rate in lrs, all on the same model: return the loss before each step.

    Start from W = zeros((d, num_classes)) and b = zeros(num_classes); for each lr in order:
    (loss, dW, db) = loss_and_gradients(x, y, W, b), record loss, then W -= lr * dW and b -= lr * db.
    """
    # TODO
    raise NotImplementedError


def suggest_lr(lrs: np.ndarray, losses: list[float]) -> float:
    """A rate to train with: the rate at the lowest (finite) loss of the test, divided by 10.

    At the lowest loss the rate is already about to make the loss blow up; a tenth of it is a safe choice.
    """
    # TODO
    raise NotImplementedError
