"""RMSProp with the smoothing constant PyTorch uses by default (alpha=0.99 there), carried over to the def line."""
from __future__ import annotations

import numpy as np


def init_state(theta):
    return {"s": np.zeros_like(theta, dtype=float)}


def rmsprop_step(theta, grad, state, lr=0.001, rho=0.99, eps=1e-7):
    s = rho * state["s"] + (1.0 - rho) * np.square(grad)
    new_theta = theta - lr * grad / np.sqrt(s + eps)  # eps inside the root, as the docstring says
    return new_theta, {"s": s}
