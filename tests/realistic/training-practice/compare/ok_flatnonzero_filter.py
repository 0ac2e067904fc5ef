"""np.flatnonzero for the first index; the reached curves filtered into a dict, then min over sorted names."""
import copy

import numpy as np


def loss_curve(step, state, theta0, loss_fn, grad_fn, steps):
    theta = np.array(theta0, dtype=np.float64)
    state = copy.deepcopy(state)
    curve = [float(loss_fn(theta))]
    for _ in range(steps):
        theta, state = step(theta, grad_fn(theta), state)
        curve.append(float(loss_fn(theta)))
    return curve


def steps_to_reach(losses, target):
    hits = np.flatnonzero(np.asarray(losses, dtype=float) <= target)
    return int(hits[0]) if hits.size else None


def fastest(curves, target):
    reached = {name: steps_to_reach(c, target) for name, c in curves.items()}
    reached = {name: n for name, n in reached.items() if n is not None}
    if not reached:
        return None
    return min(sorted(reached), key=reached.get)
