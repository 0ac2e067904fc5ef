"""Misconception: the slides' averaged form, v <- beta v + (1 - beta) g, theta <- theta - lr v, taken for Keras's."""
from __future__ import annotations

import numpy as np


def init_state(theta: np.ndarray) -> dict[str, np.ndarray]:
    return {"velocity": np.zeros_like(np.asarray(theta, dtype=np.float64))}


def momentum_step(theta: np.ndarray, grad: np.ndarray, state: dict[str, np.ndarray], lr: float = 0.01,
                  momentum: float = 0.9) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    velocity = momentum * state["velocity"] + (1 - momentum) * grad
    return theta - lr * velocity, {"velocity": velocity}
