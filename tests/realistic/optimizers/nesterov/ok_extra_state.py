"""Also keeps the look-ahead point and the last gradient in the state, for plotting."""
import numpy as np


def init_state(theta):
    return {"velocity": np.zeros_like(theta), "lookahead": np.array(theta, dtype=float), "last_grad": None}


def nesterov_step(theta, grad_fn, state, lr=0.01, momentum=0.9):
    lookahead = theta + momentum * state["velocity"]
    g = grad_fn(lookahead)
    velocity = momentum * state["velocity"] - lr * g
    return theta + velocity, {"velocity": velocity, "lookahead": lookahead, "last_grad": g}
