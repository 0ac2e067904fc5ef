"""float32 throughout, like the parameters of a network on a GPU."""
import numpy as np


def init_state(theta):
    return {"s": np.zeros_like(theta, dtype=np.float32)}


def adagrad_step(theta, grad, state, lr=0.001, eps=1e-7):
    g = grad.astype(np.float32)
    s = state["s"].astype(np.float32) + np.square(g)
    step = np.float32(lr) * g / (np.sqrt(s) + np.float32(eps))
    return theta.astype(np.float32) - step, {"s": s}
