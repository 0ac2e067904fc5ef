"""The corrections folded into the step size, with eps scaled so that the update is the docstring's exactly."""
import math

import numpy as np


def init_state(theta):
    return {"m": np.zeros_like(theta), "v": np.zeros_like(theta), "t": 0}


def adam_step(theta, grad, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7):
    t = int(state["t"]) + 1
    m = beta1 * state["m"] + (1 - beta1) * grad
    v = beta2 * state["v"] + (1 - beta2) * grad * grad
    root = math.sqrt(1 - beta2 ** t)
    alpha_t = lr * root / (1 - beta1 ** t)
    return theta - alpha_t * m / (np.sqrt(v) + eps * root), {"m": m, "v": v, "t": t}
