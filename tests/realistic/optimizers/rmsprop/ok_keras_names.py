"""Keras's names: the mean square as 'velocity' in a local, rho and epsilon; the result in a new dict."""
import numpy as np


def init_state(theta):
    return {"s": np.zeros(theta.shape, dtype=theta.dtype)}


def rmsprop_step(theta, grad, state, lr=0.001, rho=0.9, eps=1e-7):
    velocity = rho * state["s"] + (1.0 - rho) * np.square(grad)
    increment = lr * grad / np.sqrt(velocity + eps)
    return theta - increment, {**state, "s": velocity}
