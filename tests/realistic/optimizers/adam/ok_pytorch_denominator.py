"""PyTorch's arrangement: denom = sqrt(v) / sqrt(1 - beta2**t) + eps, step size lr / (1 - beta1**t)."""
import math

import numpy as np


def init_state(theta):
    return {"m": np.zeros_like(theta), "v": np.zeros_like(theta), "t": 0}


def adam_step(theta, grad, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7):
    t = state["t"] + 1
    m = beta1 * state["m"] + (1 - beta1) * grad
    v = beta2 * state["v"] + (1 - beta2) * grad * grad
    bias_correction1 = 1 - beta1 ** t
    bias_correction2 = 1 - beta2 ** t
    denom = np.sqrt(v) / math.sqrt(bias_correction2) + eps
    step_size = lr / bias_correction1
    return theta - step_size * m / denom, {"m": m, "v": v, "t": t}
