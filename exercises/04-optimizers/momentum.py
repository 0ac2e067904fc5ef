"""SGD with momentum, in the TensorFlow/Keras form: the velocity is the displacement of theta."""
from __future__ import annotations

import numpy as np


def init_state(theta: np.ndarray) -> dict[str, np.ndarray]:
    """Return the optimizer's state before the first step: {"velocity": an array of zeros shaped like theta}."""
    # TODO: one float array of zeros, the same shape as theta
    raise NotImplementedError


def momentum_step(theta: np.ndarray, grad: np.ndarray, state: dict[str, np.ndarray], lr: float = 0.01,
                  momentum: float = 0.9) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """One step of momentum, as keras.optimizers.SGD(learning_rate=lr, momentum=momentum) takes it:

        velocity <- momentum * velocity - lr * grad
        theta    <- theta + velocity

    `grad` is the gradient of the loss at `theta`. Return (new_theta, new_state) with new_state =
    {"velocity": new_velocity}; build new arrays rather than changing the arguments in place.
    """
    # TODO: update the velocity from state["velocity"] and grad, then move theta by it
    raise NotImplementedError
