"""Counts the losses up to and including the first one at the target: one more than the steps taken."""
import numpy as np


def loss_curve(step, state, theta0, loss_fn, grad_fn, steps):
    theta = np.array(theta0, dtype=float)
    losses = [loss_fn(theta)]
    for _ in range(steps):
        theta, state = step(theta, grad_fn(theta), state)
        losses.append(loss_fn(theta))
    return losses


def steps_to_reach(losses, target):
    count = 0
    for loss in losses:
        count += 1
        if loss <= target:
            return count
    return None


def fastest(curves, target):
    ranked = sorted((steps_to_reach(c, target), name) for name, c in curves.items()
                    if steps_to_reach(c, target) is not None)
    return ranked[0][1] if ranked else None
