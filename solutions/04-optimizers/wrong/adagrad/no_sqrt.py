"""Misconception: dividing by the accumulated squares without the square root."""
from __future__ import annotations

import numpy as np


def init_state(theta: np.ndarray) -> dict[str, np.ndarray]:
    return {"s": np.zeros_like(np.asarray(theta, dtype=np.float64))}


def adagrad_step(theta: np.ndarray, grad: np.ndarray, state: dict[str, np.ndarray], lr: float = 0.001,
                 eps: float = 1e-7) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    s = state["s"] + grad * grad
    return theta - lr * grad / (s + eps), {"s": s}
