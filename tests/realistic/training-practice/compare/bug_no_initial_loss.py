import numpy as np


def loss_curve(step, state, theta0, loss_fn, grad_fn, steps):
    theta = np.array(theta0, dtype=np.float64)
    losses = []
    for _ in range(steps):
        theta, state = step(theta, grad_fn(theta), state)
        losses.append(float(loss_fn(theta)))
    return losses


def steps_to_reach(losses, target):
    return next((i for i, v in enumerate(losses) if v <= target), None)


def fastest(curves, target):
    reached = {k: steps_to_reach(v, target) for k, v in curves.items()}
    reached = {k: n for k, n in reached.items() if n is not None}
    return min(sorted(reached), key=reached.get) if reached else None
