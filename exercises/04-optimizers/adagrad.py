"""Adagrad: every parameter gets its own learning rate, divided by the root of its summed squared gradients."""
from __future__ import annotations

import numpy as np


def init_state(theta: np.ndarray) -> dict[str, np.ndarray]:
    """Return the state before the first step: {"s": an array of zeros shaped like theta} (the sum of squares)."""
    # TODO: one float array of zeros, the same shape as theta
    raise NotImplementedError


def adagrad_step(theta: np.ndarray, grad: np.ndarray, state: dict[str, np.ndarray], lr: float = 0.001,
                 eps: float = 1e-7) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """One step of Adagrad, element-wise:

        s     <- s + grad**2
        theta <- theta - lr * grad / (sqrt(s) + eps)

    (eps outside the square root; the slides' version, with grad**2 on top, is wrong.) Return (new_theta,
    new_state) with new_state = {"s": new_s}.
    """
    # TODO: accumulate the squared gradient, then take the scaled step
    raise NotImplementedError
