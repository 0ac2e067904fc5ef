"""A 'deep learning from scratch' Momentum class with update(params, grads); the functions wrap it per call."""
import numpy as np


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] = params[key] + self.v[key]


def init_state(theta):
    return {"velocity": np.zeros_like(theta, dtype=float)}


def momentum_step(theta, grad, state, lr=0.01, momentum=0.9):
    opt = Momentum(lr, momentum)
    opt.v = {"theta": state["velocity"]}
    params = {"theta": theta}
    opt.update(params, {"theta": grad})
    return params["theta"], {"velocity": opt.v["theta"]}
