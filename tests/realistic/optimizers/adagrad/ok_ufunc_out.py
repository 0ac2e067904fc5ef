"""np.square, np.sqrt and np.divide with a fresh state dict; theta and grad accepted as lists too."""
import numpy as np


def init_state(theta):
    return {"s": np.zeros(np.asarray(theta).shape)}


def adagrad_step(theta, grad, state, lr=0.001, eps=1e-7):
    theta, grad = np.asarray(theta, dtype=float), np.asarray(grad, dtype=float)
    s = np.add(state["s"], np.square(grad))
    step = np.divide(lr * grad, np.add(np.sqrt(s), eps))
    return np.subtract(theta, step), {"s": s}
