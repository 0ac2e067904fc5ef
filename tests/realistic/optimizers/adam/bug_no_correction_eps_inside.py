"""The slides' Adam: no bias correction, and eps inside the root."""
import numpy as np


def init_state(theta):
    return {"m": np.zeros_like(theta), "v": np.zeros_like(theta), "t": 0}


def adam_step(theta, grad, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7):
    m = beta1 * state["m"] + (1 - beta1) * grad
    v = beta2 * state["v"] + (1 - beta2) * grad ** 2
    return theta - lr * m / np.sqrt(v + eps), {"m": m, "v": v, "t": state["t"] + 1}
