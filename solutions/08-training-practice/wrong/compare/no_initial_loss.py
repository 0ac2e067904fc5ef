"""Misconception: the curve starts after the first step, so it misses the starting loss every optimizer shares."""
from __future__ import annotations

from typing import Any, Callable

import numpy as np


def loss_curve(step: Callable, state: dict, theta0: np.ndarray, loss_fn: Callable, grad_fn: Callable,
               steps: int) -> list[float]:
    theta = np.array(theta0, dtype=np.float64)
    losses = []
    for _ in range(steps):
        theta, state = step(theta, grad_fn(theta), state)
        losses.append(float(loss_fn(theta)))
    return losses


def steps_to_reach(losses: list[float], target: float) -> int | None:
    for n, loss in enumerate(losses):
        if loss <= target:
            return n
    return None


def fastest(curves: dict[str, list[float]], target: float) -> str | None:
    reached = {name: steps_to_reach(losses, target) for name, losses in curves.items()}
    reached = {name: n for name, n in reached.items() if n is not None}
    if not reached:
        return None
    return min(sorted(reached), key=lambda name: reached[name])  # ties: the first name in alphabetical order
