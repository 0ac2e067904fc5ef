"""0.9 and 0.999 written into the formulas; the beta arguments are ignored."""
import numpy as np


def init_state(theta):
    return {"m": np.zeros_like(theta), "v": np.zeros_like(theta), "t": 0}


def adam_step(theta, grad, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7):
    t = state["t"] + 1
    m = 0.9 * state["m"] + 0.1 * grad
    v = 0.999 * state["v"] + 0.001 * grad ** 2
    m_hat = m / (1 - 0.9 ** t)
    v_hat = v / (1 - 0.999 ** t)
    return theta - lr * m_hat / (np.sqrt(v_hat) + eps), {"m": m, "v": v, "t": t}
