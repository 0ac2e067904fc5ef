"""float32 arrays, float64 hyper-parameters cast once."""
import numpy as np


def init_state(theta):
    return {"s": np.zeros(theta.shape, np.float32)}


def rmsprop_step(theta, grad, state, lr=0.001, rho=0.9, eps=1e-7):
    rho32, lr32, eps32 = np.float32(rho), np.float32(lr), np.float32(eps)
    g = np.float32(1) * grad.astype(np.float32)
    s = rho32 * state["s"].astype(np.float32) + (np.float32(1) - rho32) * g * g
    return theta.astype(np.float32) - lr32 * g / np.sqrt(s + eps32), {"s": s}
