"""The slides' exponentially averaged form."""
import numpy as np


def init_state(theta):
    return {"velocity": np.zeros_like(theta)}


def momentum_step(theta, grad, state, lr=0.01, momentum=0.9):
    v = momentum * state["velocity"] + (1 - momentum) * grad
    return theta - lr * v, {"velocity": v}
