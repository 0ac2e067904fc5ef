"""Keras's reformulation, with the gradient at theta."""
import numpy as np


def init_state(theta):
    return {"velocity": np.zeros_like(theta)}


def nesterov_step(theta, grad_fn, state, lr=0.01, momentum=0.9):
    g = grad_fn(theta)
    velocity = momentum * state["velocity"] - lr * g
    return theta + momentum * velocity - lr * g, {"velocity": velocity}
