"""The slides' version: the squared gradient on top."""
import numpy as np


def init_state(theta):
    return {"s": np.zeros_like(theta)}


def adagrad_step(theta, grad, state, lr=0.001, eps=1e-7):
    s = state["s"] + grad ** 2
    return theta - lr * grad ** 2 / (np.sqrt(s) + eps), {"s": s}
