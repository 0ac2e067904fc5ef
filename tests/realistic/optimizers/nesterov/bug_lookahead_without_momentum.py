"""Looks ahead by the whole velocity, theta + velocity, forgetting the momentum factor."""
import numpy as np


def init_state(theta):
    return {"velocity": np.zeros_like(theta)}


def nesterov_step(theta, grad_fn, state, lr=0.01, momentum=0.9):
    v = state["velocity"]
    g = grad_fn(theta + v)
    v = momentum * v - lr * g
    return theta + v, {"velocity": v}
