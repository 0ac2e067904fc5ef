"""Keeps the parameters in float32, as a GPU framework would."""
import numpy as np


def init_state(theta):
    return {"velocity": np.zeros(theta.shape, dtype=np.float32)}


def momentum_step(theta, grad, state, lr=0.01, momentum=0.9):
    theta = np.asarray(theta, dtype=np.float32)
    grad = np.asarray(grad, dtype=np.float32)
    velocity = np.float32(momentum) * state["velocity"].astype(np.float32) - np.float32(lr) * grad
    return theta + velocity, {"velocity": velocity}
