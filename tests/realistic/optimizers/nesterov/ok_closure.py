"""A factory returns the two functions; the step closes over nothing but its arguments."""
import numpy as np


def make_nesterov():
    def init(theta):
        return {"velocity": np.zeros_like(np.asarray(theta, dtype=float))}

    def step(theta, grad_fn, state, lr=0.01, momentum=0.9):
        v_prev = state["velocity"]
        g = np.asarray(grad_fn(theta + momentum * v_prev))
        v = momentum * v_prev - lr * g
        return theta + v, {"velocity": v}

    return init, step


init_state, nesterov_step = make_nesterov()
