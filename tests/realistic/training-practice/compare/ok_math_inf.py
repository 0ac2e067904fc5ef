"""None turned into infinity for the comparison, and back."""
import math

import numpy as np


def loss_curve(step, state, theta0, loss_fn, grad_fn, steps):
    theta = np.asarray(theta0, dtype=np.float64).copy()
    out = [float(loss_fn(theta))]
    while len(out) <= steps:
        g = grad_fn(theta)
        theta, state = step(theta, g, state)
        out.append(float(loss_fn(theta)))
    return out


def steps_to_reach(losses, target):
    for i in range(len(losses)):
        if losses[i] <= target:
            return i


def fastest(curves, target):
    def key(name):
        n = steps_to_reach(curves[name], target)
        return (math.inf if n is None else n, name)

    name = min(curves, key=key)
    return None if steps_to_reach(curves[name], target) is None else name
