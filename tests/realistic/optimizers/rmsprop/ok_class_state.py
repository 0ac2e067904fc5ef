"""RMSProp as a class with __call__; the state stays a plain dict."""
import numpy as np


class RMSProp:
    def __call__(self, theta, grad, state, lr=0.001, rho=0.9, eps=1e-7):
        s = rho * state["s"] + (1.0 - rho) * grad ** 2
        return theta - lr * grad / np.sqrt(s + eps), {"s": s}


def init_state(theta):
    return {"s": 0.0 * np.asarray(theta, dtype=float)}


rmsprop_step = RMSProp()
