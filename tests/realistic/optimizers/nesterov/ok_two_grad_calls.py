"""Also evaluates the gradient at theta itself (for logging its norm); the step uses the look-ahead gradient."""
import numpy as np

LOG = []


def init_state(theta):
    return {"velocity": np.zeros_like(theta, dtype=np.float64)}


def nesterov_step(theta, grad_fn, state, lr=0.01, momentum=0.9):
    LOG.append(float(np.linalg.norm(grad_fn(theta))))
    v = state["velocity"]
    g_ahead = grad_fn(theta + momentum * v)
    v_new = momentum * v - lr * g_ahead
    return theta + v_new, {"velocity": v_new}
