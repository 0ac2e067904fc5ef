"""Names the state's key "v" instead of the docstring's "velocity"."""
import numpy as np


def init_state(theta):
    return {"v": np.zeros_like(theta)}


def momentum_step(theta, grad, state, lr=0.01, momentum=0.9):
    v = momentum * state["v"] - lr * grad
    return theta + v, {"v": v}
