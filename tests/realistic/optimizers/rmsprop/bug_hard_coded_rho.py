"""Writes 0.9 and 0.1 where rho belongs."""
import numpy as np


def init_state(theta):
    return {"s": np.zeros_like(theta)}


def rmsprop_step(theta, grad, state, lr=0.001, rho=0.9, eps=1e-7):
    s = 0.9 * state["s"] + 0.1 * grad ** 2
    return theta - lr * grad / np.sqrt(s + eps), {"s": s}
