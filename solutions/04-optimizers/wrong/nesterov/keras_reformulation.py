"""Misconception: Keras's reformulation (gradient at theta, theta + beta v - lr g) in an exercise that asks for the
look-ahead form; it tracks the look-ahead point, not theta."""
from __future__ import annotations

from typing import Callable

import numpy as np


def init_state(theta: np.ndarray) -> dict[str, np.ndarray]:
    return {"velocity": np.zeros_like(np.asarray(theta, dtype=np.float64))}


def nesterov_step(theta: np.ndarray, grad_fn: Callable[[np.ndarray], np.ndarray], state: dict[str, np.ndarray],
                  lr: float = 0.01, momentum: float = 0.9) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    g = np.asarray(grad_fn(theta), dtype=np.float64)
    velocity = momentum * state["velocity"] - lr * g
    return theta + momentum * velocity - lr * g, {"velocity": velocity}
