"""One problem, five optimizers: record each one's loss curve and find which reaches a target first.

The grader runs your loss_curve with momentum, Nesterov, Adagrad, RMSProp and Adam on the same problem and
draws the five curves. `step(theta, grad, state) -> (new_theta, new_state)` is one optimizer's update, as in
lesson 04 with its hyper-parameters already set; `loss_fn(theta)` and `grad_fn(theta)` describe the problem.
"""
from __future__ import annotations

from typing import Callable

import numpy as np


def loss_curve(step: Callable, state: dict, theta0: np.ndarray, loss_fn: Callable, grad_fn: Callable,
               steps: int) -> list[float]:
    """The loss at theta0 and after each of `steps` steps: steps + 1 numbers.

    theta starts as a float64 copy of theta0; each step: theta, state = step(theta, grad_fn(theta), state).
    """
    # TODO
    raise NotImplementedError


def steps_to_reach(losses: list[float], target: float) -> int | None:
    """The first index n with losses[n] <= target (the number of steps taken to get there); None if never."""
    # TODO
    raise NotImplementedError


def fastest(curves: dict[str, list[float]], target: float) -> str | None:
    """The name whose curve reaches target in the fewest steps; on a tie the first name in alphabetical order;
    None when no curve reaches it."""
    # TODO
    raise NotImplementedError
