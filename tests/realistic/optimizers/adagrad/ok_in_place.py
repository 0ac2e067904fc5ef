"""cs231n style: the cache is accumulated in place and theta updated with -=."""
import numpy as np


def init_state(theta):
    return {"s": np.zeros(theta.shape)}


def adagrad_step(theta, grad, state, lr=0.001, eps=1e-7):
    cache = state["s"]
    cache += grad * grad
    theta -= lr * grad / (np.sqrt(cache) + eps)
    return theta, state
