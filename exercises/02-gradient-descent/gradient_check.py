"""Gradient checking: compare an analytic gradient with a numerical one before trusting it.

Use it on your own code, e.g. on the softmax-regression loss of softmax_regression.py:
    f = lambda w: cross_entropy(softmax(x @ w.reshape(W.shape) + b), y)
    g = lambda w: gradients(x, y, w.reshape(W.shape), b)[0].ravel()
    print(gradient_check(f, g, W.ravel()))      # < 1e-7: the gradient is right
"""
from __future__ import annotations

from typing import Callable

import numpy as np


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """The centred numerical gradient of the scalar function f at x (an array of any shape).

    For every entry i: (f(x with x[i] + h) - f(x with x[i] - h)) / (2 h). Work on a float64 copy of x,
    change one entry at a time and put it back before moving on. Return an array of x's shape.
    """
    # TODO: loop over every index of x (np.ndindex(x.shape) gives them all), perturb, evaluate f, restore
    raise NotImplementedError


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """max over entries of |a - b| / max(|a| + |b|, 1e-12): the measure used to read a gradient check."""
    # TODO: element-wise, then the largest value, as a float
    raise NotImplementedError


def gradient_check(f: Callable[[np.ndarray], float], grad_f: Callable[[np.ndarray], np.ndarray],
                   x: np.ndarray, h: float = 1e-5) -> float:
    """The relative error between grad_f(x) (the analytic gradient) and numerical_gradient(f, x, h).

    Below 1e-7 the gradient is right; above 1e-2 it is almost certainly wrong.
    """
    # TODO: compute both gradients at x and compare them with relative_error
    raise NotImplementedError
