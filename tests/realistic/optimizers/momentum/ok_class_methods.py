"""Momentum written as a small optimizer class; the module exposes its bound methods."""
import numpy as np


class SGDMomentum:
    def init_state(self, theta):
        return {"velocity": np.zeros(np.shape(theta))}

    def step(self, theta, grad, state, lr=0.01, momentum=0.9):
        v = momentum * state["velocity"] - lr * grad
        return theta + v, {"velocity": v}


_opt = SGDMomentum()
init_state = _opt.init_state
momentum_step = _opt.step
