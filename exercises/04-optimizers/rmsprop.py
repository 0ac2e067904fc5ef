"""RMSProp: Adagrad with a moving average of squared gradients, so that the learning rate can recover."""
from __future__ import annotations

import numpy as np


def init_state(theta: np.ndarray) -> dict[str, np.ndarray]:
    """Return the state before the first step: {"s": an array of zeros shaped like theta} (the mean square)."""
    # TODO: one float array of zeros, the same shape as theta
    raise NotImplementedError


def rmsprop_step(theta: np.ndarray, grad: np.ndarray, state: dict[str, np.ndarray], lr: float = 0.001,
                 rho: float = 0.9, eps: float = 1e-7) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """One step of RMSProp, element-wise, with eps INSIDE the square root (as in the slides and in Keras):

        s     <- rho * s + (1 - rho) * grad**2
        theta <- theta - lr * grad / sqrt(s + eps)

    Return (new_theta, new_state) with new_state = {"s": new_s}.
    """
    # TODO: update the moving average of squared gradients, then take the scaled step
    raise NotImplementedError
