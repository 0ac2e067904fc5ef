"""Copies the state dict (keeping any other keys) and writes the update with NumPy ufuncs."""
import copy

import numpy as np


def init_state(theta):
    return {"velocity": np.zeros(np.shape(theta), dtype=np.float64)}


def momentum_step(theta, grad, state, lr=0.01, momentum=0.9):
    new_state = copy.deepcopy(state)
    new_state["velocity"] = np.subtract(np.multiply(momentum, state["velocity"]), np.multiply(lr, grad))
    return np.add(theta, new_state["velocity"]), new_state
