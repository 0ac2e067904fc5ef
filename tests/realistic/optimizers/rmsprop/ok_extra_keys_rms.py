"""Also stores the root-mean-square it divided by."""
import numpy as np


def init_state(theta):
    return {"s": np.zeros_like(theta), "rms": np.zeros_like(theta)}


def rmsprop_step(theta, grad, state, lr=0.001, rho=0.9, eps=1e-7):
    s = rho * state["s"] + (1 - rho) * np.square(grad)
    rms = np.sqrt(s + eps)
    return theta - lr * grad / rms, {"s": s, "rms": rms}
