"""Steps with the old accumulator, then adds this step's square: divides by sqrt(0) + eps at step 1."""
import numpy as np


def init_state(theta):
    return {"s": np.zeros_like(theta)}


def adagrad_step(theta, grad, state, lr=0.001, eps=1e-7):
    new_theta = theta - lr * grad / (np.sqrt(state["s"]) + eps)
    return new_theta, {"s": state["s"] + grad ** 2}
