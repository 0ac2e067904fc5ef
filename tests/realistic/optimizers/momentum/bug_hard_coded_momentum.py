"""Writes the usual 0.9 instead of the momentum argument."""
import numpy as np


def init_state(theta):
    return {"velocity": np.zeros_like(theta)}


def momentum_step(theta, grad, state, lr=0.01, momentum=0.9):
    velocity = 0.9 * state["velocity"] - lr * grad
    return theta + velocity, {"velocity": velocity}
