"""Reference: RMSProp with epsilon inside the square root, as in the slides and in Keras."""
from __future__ import annotations

import numpy as np


def init_state(theta: np.ndarray) -> dict[str, np.ndarray]:
    return {"s": np.zeros_like(np.asarray(theta, dtype=np.float64))}


def rmsprop_step(theta: np.ndarray, grad: np.ndarray, state: dict[str, np.ndarray], lr: float = 0.001,
                 rho: float = 0.9, eps: float = 1e-7) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    s = rho * state["s"] + (1 - rho) * grad * grad  # a moving average: old gradients fade out
    return theta - lr * grad / np.sqrt(s + eps), {"s": s}
