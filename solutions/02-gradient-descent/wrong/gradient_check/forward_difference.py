"""Known-wrong variant: a forward difference (f(x + h) - f(x)) / h instead of a centred one."""
from __future__ import annotations

from typing import Callable

import numpy as np


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    x = np.array(x, dtype=np.float64)  # a float copy: the caller's array is never changed
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        here = float(f(x))
        x[i] = old + h
        plus = float(f(x))
        x[i] = old
        grad[i] = (plus - here) / h  # Mistake: one-sided; its error shrinks only like h
    return grad


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-12)))


def gradient_check(f: Callable[[np.ndarray], float], grad_f: Callable[[np.ndarray], np.ndarray],
                   x: np.ndarray, h: float = 1e-5) -> float:
    x = np.array(x, dtype=np.float64)
    analytic = np.asarray(grad_f(x.copy()), dtype=np.float64)
    return relative_error(analytic, numerical_gradient(f, x, h))
