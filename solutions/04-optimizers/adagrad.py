"""Reference: Adagrad, with the gradient (not its square) on top and epsilon outside the square root."""
from __future__ import annotations

import numpy as np


def init_state(theta: np.ndarray) -> dict[str, np.ndarray]:
    return {"s": np.zeros_like(np.asarray(theta, dtype=np.float64))}


def adagrad_step(theta: np.ndarray, grad: np.ndarray, state: dict[str, np.ndarray], lr: float = 0.001,
                 eps: float = 1e-7) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    s = state["s"] + grad * grad  # the sum of every squared gradient so far: it only grows
    return theta - lr * grad / (np.sqrt(s) + eps), {"s": s}
