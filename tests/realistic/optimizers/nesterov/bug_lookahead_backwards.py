"""Looks behind instead of ahead."""
import numpy as np


def init_state(theta):
    return {"velocity": np.zeros_like(theta)}


def nesterov_step(theta, grad_fn, state, lr=0.01, momentum=0.9):
    velocity = momentum * state["velocity"] - lr * grad_fn(theta - momentum * state["velocity"])
    return theta + velocity, {"velocity": velocity}
