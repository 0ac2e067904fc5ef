"""0.9 written into the formula instead of the argument."""
import numpy as np


def init_state(theta):
    return {"velocity": np.zeros_like(theta)}


def nesterov_step(theta, grad_fn, state, lr=0.01, momentum=0.9):
    v = state["velocity"]
    v_new = 0.9 * v - lr * grad_fn(theta + 0.9 * v)
    return theta + v_new, {"velocity": v_new}
