"""Right steps, but the velocity is stored as lr*grad accumulated, the opposite of the docstring's."""
import numpy as np


def init_state(theta):
    return {"velocity": np.zeros_like(theta)}


def momentum_step(theta, grad, state, lr=0.01, momentum=0.9):
    v = momentum * state["velocity"] + lr * grad
    return theta - v, {"velocity": v}
