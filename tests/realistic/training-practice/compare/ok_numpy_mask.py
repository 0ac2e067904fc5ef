import numpy as np


def loss_curve(step, state, theta0, loss_fn, grad_fn, steps):
    theta = theta0.astype(np.float64)
    losses = np.empty(steps + 1)
    losses[0] = loss_fn(theta)
    for k in range(1, steps + 1):
        theta, state = step(theta, grad_fn(theta), state)
        losses[k] = loss_fn(theta)
    return losses.tolist()


def steps_to_reach(losses, target):
    hit = np.asarray(losses) <= target
    if not hit.any():
        return None
    return int(np.argmax(hit))


def fastest(curves, target):
    best_name, best_steps = None, np.inf
    for name in sorted(curves):
        n = steps_to_reach(curves[name], target)
        if n is not None and n < best_steps:  # strict: on a tie the earlier name in sorted order stays
            best_name, best_steps = name, n
    return best_name
