"""Updates the arrays in place (as most NumPy training loops do) and returns them."""
import numpy as np


def init_state(theta):
    return {"velocity": np.zeros_like(theta, dtype=float)}


def momentum_step(theta, grad, state, lr=0.01, momentum=0.9):
    v = state["velocity"]
    v *= momentum
    v -= lr * grad
    theta += v
    return theta, state
