"""Keeps the velocity in a module-level optimizer object and ignores the state it is given."""
import numpy as np


class _SGDMomentum:
    def __init__(self):
        self.velocity = None


_opt = _SGDMomentum()


def init_state(theta):
    _opt.velocity = np.zeros_like(theta)
    return {"velocity": _opt.velocity}


def momentum_step(theta, grad, state, lr=0.01, momentum=0.9):
    if _opt.velocity is None or _opt.velocity.shape != np.shape(theta):
        _opt.velocity = np.zeros_like(theta)
    _opt.velocity = momentum * _opt.velocity - lr * grad
    return theta + _opt.velocity, {"velocity": _opt.velocity}
