"""Element by element over theta.flat with math.sqrt, written back into a copy."""
import math

import numpy as np


def init_state(theta):
    return {"s": np.zeros_like(theta, dtype=float)}


def rmsprop_step(theta, grad, state, lr=0.001, rho=0.9, eps=1e-7):
    new_theta = np.array(theta, dtype=float)
    s = np.array(state["s"], dtype=float)
    g = np.asarray(grad, dtype=float)
    for i in range(new_theta.size):
        s.flat[i] = rho * s.flat[i] + (1 - rho) * g.flat[i] ** 2
        new_theta.flat[i] -= lr * g.flat[i] / math.sqrt(s.flat[i] + eps)
    return new_theta, {"s": s}
