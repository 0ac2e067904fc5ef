"""The curve built recursively one step at a time; steps_to_reach with a for/else; fastest with a running best."""
import numpy as np


def loss_curve(step, state, theta0, loss_fn, grad_fn, steps):
    def run(theta, state, left):
        here = [loss_fn(theta)]
        if left == 0:
            return here
        theta, state = step(theta, grad_fn(theta), state)
        return here + run(theta, state, left - 1)

    return run(np.asarray(theta0, dtype=float).copy(), state, steps)


def steps_to_reach(losses, target):
    for n, loss in enumerate(losses):
        if loss <= target:
            break
    else:
        return None
    return n


def fastest(curves, target):
    best_name, best_steps = None, None
    for name in sorted(curves):
        n = steps_to_reach(curves[name], target)
        if n is not None and (best_steps is None or n < best_steps):
            best_name, best_steps = name, n
    return best_name
