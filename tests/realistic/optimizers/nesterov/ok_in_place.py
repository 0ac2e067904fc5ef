"""Mutates the state dict and theta in place, then returns them."""
import numpy as np


def init_state(theta):
    return {"velocity": np.zeros_like(theta)}


def nesterov_step(theta, grad_fn, state, lr=0.01, momentum=0.9):
    ahead = theta + momentum * state["velocity"]
    state["velocity"] = momentum * state["velocity"] - lr * grad_fn(ahead)
    theta += state["velocity"]
    return theta, state
