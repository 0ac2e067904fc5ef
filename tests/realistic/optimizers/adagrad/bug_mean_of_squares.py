"""Keeps the running mean of the squared gradients (divides by a step counter) instead of their sum."""
import numpy as np


def init_state(theta):
    return {"s": np.zeros_like(theta), "n": 0}


def adagrad_step(theta, grad, state, lr=0.001, eps=1e-7):
    n = state.get("n", 0) + 1
    s = state["s"] + (grad ** 2 - state["s"]) / n
    return theta - lr * grad / (np.sqrt(s) + eps), {"s": s, "n": n}
