"""Gradients of the optimizer lessons' test surfaces, in plain NumPy.

The same functions serve the graders (trusted side, graders/04-optimizers/optimizer_cases.py) and the worker's
"trajectory" op, which runs a learner's optimizer step along a whole path in one call instead of one round trip
per step. A worker that tampered with them gains nothing: its path is compared with the reference's, computed on
the trusted side.
"""
from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np

_BOWL_C = np.array([1.0, -0.5])
# A valley 30 times steeper across than along, turned 30 degrees so that it lies along no axis: the case where
# one global learning rate is too big for one direction and too small for the other.
_ANGLE = math.radians(30.0)
_R = np.array([[math.cos(_ANGLE), -math.sin(_ANGLE)], [math.sin(_ANGLE), math.cos(_ANGLE)]])
VALLEY_A = _R @ np.diag([1.0, 30.0]) @ _R.T
_VALLEY_C = np.array([0.5, 1.0])


def _as_point(x: Any, lang: str) -> np.ndarray:
    p = np.asarray(x, dtype=np.float64)
    if p.shape != (2,):
        raise ValueError(f"la función de gradiente recibe un punto de forma (2,), como theta; llegó {p.shape}"
                         if lang == "es" else
                         f"the gradient function takes a point of shape (2,), like theta; got shape {p.shape}")
    return p


def gradient(surface_id: str, lang: str = "en") -> Callable[[Any], np.ndarray]:
    """The gradient of a surface by id; its error message (a point of the wrong shape) in `lang`."""
    if surface_id == "quadratic-bowl":
        def grad(x: Any) -> np.ndarray:
            return _as_point(x, lang) - _BOWL_C
    elif surface_id == "ill-conditioned":
        def grad(x: Any) -> np.ndarray:
            return VALLEY_A @ (_as_point(x, lang) - _VALLEY_C)
    elif surface_id == "rosenbrock":
        def grad(x: Any) -> np.ndarray:
            a, b = _as_point(x, lang)
            return np.array([-2.0 * (1.0 - a) - 400.0 * a * (b - a * a), 200.0 * (b - a * a)])
    else:
        raise KeyError(f"unknown surface {surface_id!r}")
    grad.__name__ = "grad"
    return grad
