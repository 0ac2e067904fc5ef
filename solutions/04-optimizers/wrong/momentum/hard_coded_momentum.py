"""Misconception: the momentum argument is ignored; 0.9, its default, is written into the formula."""
from __future__ import annotations

import numpy as np


def init_state(theta: np.ndarray) -> dict[str, np.ndarray]:
    return {"velocity": np.zeros_like(np.asarray(theta, dtype=np.float64))}


def momentum_step(theta: np.ndarray, grad: np.ndarray, state: dict[str, np.ndarray], lr: float = 0.01,
                  momentum: float = 0.9) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    velocity = 0.9 * state["velocity"] - lr * grad  # the mistake: 0.9 where the argument belongs
    return theta + velocity, {"velocity": velocity}
