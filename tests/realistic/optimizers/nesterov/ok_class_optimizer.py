"""A NAG class with hyper-parameters bound at construction; the step functions build one per call."""
import numpy as np


class NAG:
    def __init__(self, lr, mu):
        self.lr, self.mu = lr, mu

    def lookahead(self, theta, v):
        return theta + self.mu * v

    def velocity(self, v, g):
        return self.mu * v - self.lr * g


def init_state(theta):
    return dict(velocity=np.zeros(theta.shape))


def nesterov_step(theta, grad_fn, state, lr=0.01, momentum=0.9):
    opt = NAG(lr, momentum)
    v = opt.velocity(state["velocity"], np.asarray(grad_fn(opt.lookahead(theta, state["velocity"]))))
    return theta + v, dict(state, velocity=v)
