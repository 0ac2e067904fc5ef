"""Steps with the mean square from before this gradient, then updates it."""
import numpy as np


def init_state(theta):
    return {"s": np.zeros_like(theta)}


def rmsprop_step(theta, grad, state, lr=0.001, rho=0.9, eps=1e-7):
    new_theta = theta - lr * grad / np.sqrt(state["s"] + eps)
    s = rho * state["s"] + (1 - rho) * grad ** 2
    return new_theta, {"s": s}
