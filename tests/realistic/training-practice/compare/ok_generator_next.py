import numpy as np


def loss_curve(step, state, theta0, loss_fn, grad_fn, steps):
    theta = np.array(theta0, dtype=float)
    curve = [loss_fn(theta)]
    for _ in range(steps):
        theta, state = step(theta, grad_fn(theta), state)
        curve.append(loss_fn(theta))
    return [float(v) for v in curve]


def steps_to_reach(losses, target):
    return next((i for i, loss in enumerate(losses) if loss <= target), None)


def fastest(curves, target):
    ranking = []
    for name, losses in curves.items():
        n = steps_to_reach(losses, target)
        if n is not None:
            ranking.append((n, name))
    return min(ranking)[1] if ranking else None
