"""Reference: SGD with momentum, in the TensorFlow/Keras form (the velocity is the displacement)."""
from __future__ import annotations

import numpy as np


def init_state(theta: np.ndarray) -> dict[str, np.ndarray]:
    return {"velocity": np.zeros_like(np.asarray(theta, dtype=np.float64))}


def momentum_step(theta: np.ndarray, grad: np.ndarray, state: dict[str, np.ndarray], lr: float = 0.01,
                  momentum: float = 0.9) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    # v <- beta v - lr g ; theta <- theta + v  (keras.optimizers.SGD(momentum=beta))
    velocity = momentum * state["velocity"] - lr * grad
    return theta + velocity, {"velocity": velocity}
