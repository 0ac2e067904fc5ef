"""Misconception: right steps, but the velocity is stored with the opposite sign of the docstring's."""
from __future__ import annotations

import numpy as np


def init_state(theta: np.ndarray) -> dict[str, np.ndarray]:
    return {"velocity": np.zeros_like(np.asarray(theta, dtype=np.float64))}


def momentum_step(theta: np.ndarray, grad: np.ndarray, state: dict[str, np.ndarray], lr: float = 0.01,
                  momentum: float = 0.9) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    velocity = momentum * state["velocity"] + lr * grad  # the mistake: the docstring's velocity, negated...
    return theta - velocity, {"velocity": velocity}      # ...and subtracted, so theta moves the same
