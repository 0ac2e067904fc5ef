"""Puts eps inside the square root, as RMSProp's docstring does."""
import numpy as np


def init_state(theta):
    return {"s": np.zeros_like(theta)}


def adagrad_step(theta, grad, state, lr=0.001, eps=1e-7):
    s = state["s"] + grad ** 2
    return theta - lr * grad / np.sqrt(s + eps), {"s": s}
