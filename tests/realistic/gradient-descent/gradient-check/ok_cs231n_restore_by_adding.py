"""CS231n's in-place pattern: +h, then -2h, then +h to reset; rel_error with np.maximum."""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        ix = it.multi_index
        x[ix] += h
        fxph = f(x)
        x[ix] -= 2 * h
        fxmh = f(x)
        x[ix] += h
        grad[ix] = (fxph - fxmh) / (2 * h)
        it.iternext()
    return grad


def relative_error(a, b):
    return np.max(np.abs(a - b) / np.maximum(1e-12, np.abs(a) + np.abs(b)))


def gradient_check(f, grad_f, x, h=1e-5):
    analytic = grad_f(x)
    numeric = numerical_gradient(f, x, h)
    return relative_error(analytic, numeric)
