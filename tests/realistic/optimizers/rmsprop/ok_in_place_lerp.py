"""The moving average written as s += (1 - rho) * (g^2 - s), updated in place."""
import numpy as np


def init_state(theta):
    return {"s": np.zeros_like(theta)}


def rmsprop_step(theta, grad, state, lr=0.001, rho=0.9, eps=1e-7):
    s = state["s"]
    s += (1 - rho) * (grad * grad - s)
    theta -= lr * grad / np.sqrt(s + eps)
    return theta, state
