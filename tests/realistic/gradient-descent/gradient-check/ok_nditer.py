"""cs231n's eval_numerical_gradient shape: np.nditer with multi_index."""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    x = x.astype(np.float64)  # astype copies
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        ix = it.multi_index
        old = x[ix]
        x[ix] = old + h
        fxph = f(x)
        x[ix] = old - h
        fxmh = f(x)
        x[ix] = old
        grad[ix] = (fxph - fxmh) / (2 * h)
        it.iternext()
    return grad


def relative_error(a, b):
    return float(np.max(np.abs(a - b) / np.maximum(1e-12, np.abs(a) + np.abs(b))))


def gradient_check(f, grad_f, x, h=1e-5):
    return relative_error(grad_f(x), numerical_gradient(f, x, h))
