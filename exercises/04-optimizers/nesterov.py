"""Nesterov momentum: the gradient is taken where the velocity is about to carry theta (the look-ahead point)."""
from __future__ import annotations

from typing import Callable

import numpy as np


def init_state(theta: np.ndarray) -> dict[str, np.ndarray]:
    """Return the optimizer's state before the first step: {"velocity": an array of zeros shaped like theta}."""
    # TODO: one float array of zeros, the same shape as theta
    raise NotImplementedError


def nesterov_step(theta: np.ndarray, grad_fn: Callable[[np.ndarray], np.ndarray], state: dict[str, np.ndarray],
                  lr: float = 0.01, momentum: float = 0.9) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """One step of Nesterov accelerated gradient (Sutskever et al., 2013):

        lookahead <- theta + momentum * velocity
        velocity  <- momentum * velocity - lr * grad_fn(lookahead)
        theta     <- theta + velocity

    `grad_fn(x)` returns the gradient of the loss at any point x shaped like theta: you choose where to call it.
    Return (new_theta, new_state) with new_state = {"velocity": new_velocity}.
    """
    # TODO: compute the look-ahead point, take the gradient there, update the velocity, move theta
    raise NotImplementedError
