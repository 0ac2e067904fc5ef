"""Element by element, the way one would write it before learning to vectorise."""
import numpy as np


def init_state(theta):
    velocity = np.empty_like(theta)
    for i in np.ndindex(theta.shape):
        velocity[i] = 0.0
    return {"velocity": velocity}


def momentum_step(theta, grad, state, lr=0.01, momentum=0.9):
    new_theta = np.array(theta, dtype=float)
    new_v = np.array(state["velocity"], dtype=float)
    for i in np.ndindex(theta.shape):
        new_v[i] = momentum * new_v[i] - lr * grad[i]
        new_theta[i] = new_theta[i] + new_v[i]
    return new_theta, {"velocity": new_v}
