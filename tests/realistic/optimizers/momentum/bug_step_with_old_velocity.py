"""Moves theta with the old velocity, then updates the velocity: every step one step late."""
import numpy as np


def init_state(theta):
    return {"velocity": np.zeros_like(theta)}


def momentum_step(theta, grad, state, lr=0.01, momentum=0.9):
    v = state["velocity"]
    new_theta = theta + v
    v = momentum * v - lr * grad
    return new_theta, {"velocity": v}
