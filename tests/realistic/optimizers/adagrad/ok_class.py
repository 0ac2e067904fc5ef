"""An Adagrad class with the hyper-parameters as attributes; module-level functions delegate to it."""
import numpy as np


class Adagrad:
    def __init__(self, lr=0.001, eps=1e-7):
        self.lr, self.eps = lr, eps

    def update(self, theta, grad, cache):
        cache = cache + grad ** 2
        return theta - self.lr * grad / (np.sqrt(cache) + self.eps), cache


def init_state(theta):
    return {"s": np.zeros_like(theta, dtype=np.float64)}


def adagrad_step(theta, grad, state, lr=0.001, eps=1e-7):
    new_theta, cache = Adagrad(lr, eps).update(theta, grad, state["s"])
    return new_theta, {"s": cache}
