"""Computes the gradient once, at theta0, and reuses it for every step."""
import numpy as np


def loss_curve(step, state, theta0, loss_fn, grad_fn, steps):
    theta = np.array(theta0, dtype=float)
    g = grad_fn(theta)
    losses = [loss_fn(theta)]
    for _ in range(steps):
        theta, state = step(theta, g, state)
        losses.append(loss_fn(theta))
    return losses


def steps_to_reach(losses, target):
    for i, loss in enumerate(losses):
        if loss <= target:
            return i
    return None


def fastest(curves, target):
    ranked = sorted((steps_to_reach(c, target), name) for name, c in curves.items()
                    if steps_to_reach(c, target) is not None)
    return ranked[0][1] if ranked else None
