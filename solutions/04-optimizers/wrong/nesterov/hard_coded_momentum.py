"""Misconception: the momentum argument is ignored; 0.9, its default, is written into the formula."""
from __future__ import annotations

from typing import Callable

import numpy as np


def init_state(theta: np.ndarray) -> dict[str, np.ndarray]:
    return {"velocity": np.zeros_like(np.asarray(theta, dtype=np.float64))}


def nesterov_step(theta: np.ndarray, grad_fn: Callable[[np.ndarray], np.ndarray], state: dict[str, np.ndarray],
                  lr: float = 0.01, momentum: float = 0.9) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    lookahead = theta + 0.9 * state["velocity"]  # the mistake: 0.9 where the argument belongs, here...
    velocity = 0.9 * state["velocity"] - lr * np.asarray(grad_fn(lookahead), dtype=np.float64)  # ...and here
    return theta + velocity, {"velocity": velocity}
