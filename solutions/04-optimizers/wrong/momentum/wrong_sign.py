"""Misconception: the gradient is added to the velocity, so every step climbs the loss."""
from __future__ import annotations

import numpy as np


def init_state(theta: np.ndarray) -> dict[str, np.ndarray]:
    return {"velocity": np.zeros_like(np.asarray(theta, dtype=np.float64))}


def momentum_step(theta: np.ndarray, grad: np.ndarray, state: dict[str, np.ndarray], lr: float = 0.01,
                  momentum: float = 0.9) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    velocity = momentum * state["velocity"] + lr * grad  # the mistake: + instead of -
    return theta + velocity, {"velocity": velocity}
