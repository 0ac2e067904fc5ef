"""Returns a list [theta, state] and converts with np.add / np.multiply."""
import numpy as np


def init_state(theta):
    return dict(velocity=np.zeros(np.shape(theta)))


def nesterov_step(theta, grad_fn, state, lr=0.01, momentum=0.9):
    vel = state["velocity"]
    peek = np.add(theta, np.multiply(momentum, vel))
    vel = np.subtract(np.multiply(momentum, vel), np.multiply(lr, grad_fn(peek)))
    return [np.add(theta, vel), dict(velocity=vel)]
