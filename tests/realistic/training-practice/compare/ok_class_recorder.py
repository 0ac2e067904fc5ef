import copy

import numpy as np


class Run:
    """One optimizer on one problem, keeping its history like a Keras History object."""

    def __init__(self, step, state, theta0):
        self.step = step
        self.state = copy.deepcopy(state)
        self.theta = np.copy(theta0).astype(np.float64)
        self.history = []

    def fit(self, loss_fn, grad_fn, steps):
        self.history.append(float(loss_fn(self.theta)))
        for _ in range(steps):
            self.theta, self.state = self.step(self.theta, grad_fn(self.theta), self.state)
            self.history.append(float(loss_fn(self.theta)))
        return self.history


def loss_curve(step, state, theta0, loss_fn, grad_fn, steps):
    return Run(step, state, theta0).fit(loss_fn, grad_fn, steps)


def steps_to_reach(losses, target):
    n = 0
    while n < len(losses):
        if losses[n] <= target:
            return n
        n += 1
    return None


def fastest(curves, target):
    reached = {}
    for name, losses in curves.items():
        n = steps_to_reach(losses, target)
        if n is not None:
            reached[name] = n
    if len(reached) == 0:
        return None
    fewest = min(reached.values())
    return sorted(name for name, n in reached.items() if n == fewest)[0]
