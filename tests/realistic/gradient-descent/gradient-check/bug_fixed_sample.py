"""Checks only a few random entries (grad_check_sparse style) and leaves the others at 0."""
import numpy as np


def numerical_gradient(f, x, h=1e-5, num_checks=5):
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    rng = np.random.default_rng(0)
    for _ in range(num_checks):
        i = tuple(int(rng.integers(m)) for m in x.shape)
        old = x[i]
        x[i] = old + h
        plus = f(x)
        x[i] = old - h
        minus = f(x)
        x[i] = old
        grad[i] = (plus - minus) / (2 * h)
    return grad


def relative_error(a, b):
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-12)))


def gradient_check(f, grad_f, x, h=1e-5):
    return relative_error(grad_f(x), numerical_gradient(f, x, h))
