"""The problems this lesson's graders pose: the range test's data, and the bowl the five optimizers descend
(the optimizers run here, trusted, and reach the learner's code as callbacks). No pytest here: the content tests
import it too."""
from __future__ import annotations

from typing import Any, Callable

import numpy as np


def range_data(seed: int = 821) -> tuple[np.ndarray, np.ndarray]:
    """200 examples, 20 features, 4 classes that two linear rules decide: a range test turns on it within 1e-3..1e3."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(200, 20))
    y = (x[:, :3] @ rng.normal(size=3) > 0).astype(int) + 2 * (x[:, 5] > 0)
    return x, y


SCALES = np.array([1.0, 25.0])  # one flat direction, one steep: where the optimizers differ
THETA0 = np.array([-4.0, 1.5])
STEPS = 60


def loss_fn(theta: Any) -> float:
    theta = np.asarray(theta, dtype=np.float64)
    return float(0.5 * np.sum(SCALES * theta ** 2))


def grad_fn(theta: Any) -> np.ndarray:
    return SCALES * np.asarray(theta, dtype=np.float64)


def optimizers() -> dict[str, tuple[Callable, dict]]:
    """name -> (step(theta, grad, state) -> (theta, state), the state before the first step)."""

    def momentum(theta, grad, state, lr=0.03, m=0.8):
        v = m * np.asarray(state["v"]) - lr * np.asarray(grad)
        return np.asarray(theta) + v, {"v": v}

    def nesterov(theta, grad, state, lr=0.03, m=0.8):  # Keras's form: the gradient at theta, the look-ahead folded in
        v = m * np.asarray(state["v"]) - lr * np.asarray(grad)
        return np.asarray(theta) + m * v - lr * np.asarray(grad), {"v": v}

    def adagrad(theta, grad, state, lr=1.0, eps=1e-8):
        s = np.asarray(state["s"]) + np.asarray(grad) ** 2
        return np.asarray(theta) - lr * np.asarray(grad) / (np.sqrt(s) + eps), {"s": s}

    def rmsprop(theta, grad, state, lr=0.1, rho=0.9, eps=1e-7):
        s = rho * np.asarray(state["s"]) + (1 - rho) * np.asarray(grad) ** 2
        return np.asarray(theta) - lr * np.asarray(grad) / np.sqrt(s + eps), {"s": s}

    def adam(theta, grad, state, lr=0.3, b1=0.9, b2=0.999, eps=1e-8):
        step = int(state["t"]) + 1
        m = b1 * np.asarray(state["m"]) + (1 - b1) * np.asarray(grad)
        v = b2 * np.asarray(state["v"]) + (1 - b2) * np.asarray(grad) ** 2
        update = lr * (m / (1 - b1 ** step)) / (np.sqrt(v / (1 - b2 ** step)) + eps)
        return np.asarray(theta) - update, {"m": m, "v": v, "t": step}

    zeros = np.zeros_like(THETA0)
    return {"momentum": (momentum, {"v": zeros}), "nesterov": (nesterov, {"v": zeros}),
            "adagrad": (adagrad, {"s": zeros}), "rmsprop": (rmsprop, {"s": zeros}),
            "adam": (adam, {"m": zeros, "v": zeros, "t": 0})}


def curves(module: Any) -> dict[str, Any]:
    """Each optimizer's curve as `module.loss_curve` draws it."""
    return {name: module.loss_curve(step, dict(state), THETA0.copy(), loss_fn, grad_fn, STEPS)
            for name, (step, state) in optimizers().items()}
