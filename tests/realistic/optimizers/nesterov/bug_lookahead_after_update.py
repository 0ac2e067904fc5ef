"""Updates the velocity with the gradient at theta, then takes a second gradient at theta + velocity for the move."""
import numpy as np


def init_state(theta):
    return {"velocity": np.zeros_like(theta)}


def nesterov_step(theta, grad_fn, state, lr=0.01, momentum=0.9):
    v = momentum * state["velocity"] - lr * grad_fn(theta)
    ahead = theta + momentum * v
    v = momentum * state["velocity"] - lr * grad_fn(ahead)
    return theta + v, {"velocity": v}
