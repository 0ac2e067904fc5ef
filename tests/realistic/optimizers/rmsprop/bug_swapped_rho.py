"""Weights the new square by rho and the old average by 1 - rho."""
import numpy as np


def init_state(theta):
    return {"s": np.zeros_like(theta)}


def rmsprop_step(theta, grad, state, lr=0.001, rho=0.9, eps=1e-7):
    s = (1 - rho) * state["s"] + rho * grad ** 2
    return theta - lr * grad / np.sqrt(s + eps), {"s": s}
