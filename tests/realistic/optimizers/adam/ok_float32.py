"""Moments and parameters in float32."""
import numpy as np


def init_state(theta):
    return {"m": np.zeros(theta.shape, np.float32), "v": np.zeros(theta.shape, np.float32), "t": 0}


def adam_step(theta, grad, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7):
    g = np.asarray(grad, np.float32)
    t = state["t"] + 1
    m = np.float32(beta1) * state["m"].astype(np.float32) + np.float32(1 - beta1) * g
    v = np.float32(beta2) * state["v"].astype(np.float32) + np.float32(1 - beta2) * g * g
    m_hat = m / np.float32(1 - beta1 ** t)
    v_hat = v / np.float32(1 - beta2 ** t)
    return np.asarray(theta, np.float32) - np.float32(lr) * m_hat / (np.sqrt(v_hat) + np.float32(eps)), \
        {"m": m, "v": v, "t": t}
