"""Computes the velocity but returns the old one, so the state never changes."""
import numpy as np


def init_state(theta):
    return {"velocity": np.zeros_like(theta)}


def momentum_step(theta, grad, state, lr=0.01, momentum=0.9):
    velocity = momentum * state["velocity"] - lr * grad
    return theta + velocity, state
