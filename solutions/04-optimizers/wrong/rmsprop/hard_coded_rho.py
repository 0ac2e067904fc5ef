"""Misconception: the rho argument is ignored; 0.9, its default, is written into the moving average."""
from __future__ import annotations

import numpy as np


def init_state(theta: np.ndarray) -> dict[str, np.ndarray]:
    return {"s": np.zeros_like(np.asarray(theta, dtype=np.float64))}


def rmsprop_step(theta: np.ndarray, grad: np.ndarray, state: dict[str, np.ndarray], lr: float = 0.001,
                 rho: float = 0.9, eps: float = 1e-7) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    s = 0.9 * state["s"] + (1 - 0.9) * grad * grad  # the mistake: 0.9 where rho belongs
    return theta - lr * grad / np.sqrt(s + eps), {"s": s}
