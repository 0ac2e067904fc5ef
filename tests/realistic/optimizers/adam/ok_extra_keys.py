"""Stores the corrected moments and the hyper-parameters next to m, v and t (t as a float)."""
import numpy as np


def init_state(theta):
    z = np.zeros_like(theta, dtype=float)
    return {"m": z, "v": z.copy(), "t": 0.0, "m_hat": z.copy(), "v_hat": z.copy(), "lr": None}


def adam_step(theta, grad, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7):
    t = state["t"] + 1
    m = beta1 * state["m"] + (1 - beta1) * grad
    v = beta2 * state["v"] + (1 - beta2) * grad ** 2
    m_hat = m / (1 - beta1 ** t)
    v_hat = v / (1 - beta2 ** t)
    new_theta = theta - lr * m_hat / (np.sqrt(v_hat) + eps)
    return new_theta, {"m": m, "v": v, "t": t, "m_hat": m_hat, "v_hat": v_hat, "lr": lr}
