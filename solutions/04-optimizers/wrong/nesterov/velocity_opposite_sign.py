"""Misconception: right steps, but the velocity is stored with the opposite sign of the docstring's."""
from __future__ import annotations

from typing import Callable

import numpy as np


def init_state(theta: np.ndarray) -> dict[str, np.ndarray]:
    return {"velocity": np.zeros_like(np.asarray(theta, dtype=np.float64))}


def nesterov_step(theta: np.ndarray, grad_fn: Callable[[np.ndarray], np.ndarray], state: dict[str, np.ndarray],
                  lr: float = 0.01, momentum: float = 0.9) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    # the mistake: velocity kept as the negated displacement, so the look-ahead and the step subtract it
    lookahead = theta - momentum * state["velocity"]
    velocity = momentum * state["velocity"] + lr * np.asarray(grad_fn(lookahead), dtype=np.float64)
    return theta - velocity, {"velocity": velocity}
