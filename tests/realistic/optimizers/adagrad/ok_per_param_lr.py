"""Computes each parameter's own learning rate first, lr / (sqrt(s) + eps), as the slides explain it."""
import numpy as np


def init_state(theta):
    return {"s": 0.0 * theta}


def adagrad_step(theta, grad, state, lr=0.001, eps=1e-7):
    s = state["s"] + grad * grad
    effective_lr = lr / (s ** 0.5 + eps)
    return theta - effective_lr * grad, {"s": s}
