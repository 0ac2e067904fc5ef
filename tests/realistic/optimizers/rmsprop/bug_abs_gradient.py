"""Averages |grad| instead of grad**2, then still takes the square root."""
import numpy as np


def init_state(theta):
    return {"s": np.zeros_like(theta)}


def rmsprop_step(theta, grad, state, lr=0.001, rho=0.9, eps=1e-7):
    s = rho * state["s"] + (1 - rho) * np.abs(grad)
    return theta - lr * grad / np.sqrt(s + eps), {"s": s}
