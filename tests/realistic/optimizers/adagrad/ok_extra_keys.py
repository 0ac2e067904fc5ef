"""Counts its steps and remembers the per-parameter learning rate it used."""
import numpy as np


def init_state(theta):
    return {"s": np.zeros_like(theta), "t": 0, "effective_lr": np.full(np.shape(theta), np.nan)}


def adagrad_step(theta, grad, state, lr=0.001, eps=1e-7):
    s = state["s"] + grad ** 2
    effective_lr = lr / (np.sqrt(s) + eps)
    return theta - effective_lr * grad, {"s": s, "t": state.get("t", 0) + 1, "effective_lr": effective_lr}
