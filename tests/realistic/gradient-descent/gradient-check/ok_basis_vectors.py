"""Perturbs along basis vectors (x + h * e_i) instead of writing into a copy."""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    x = np.asarray(x, dtype=np.float64)
    grad = np.empty_like(x)
    for idx in np.ndindex(*x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        grad[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return grad


def relative_error(a, b):
    diff = np.abs(np.subtract(a, b, dtype=np.float64))
    scale = np.maximum(np.abs(a) + np.abs(b), 1e-12)
    return float((diff / scale).max())


def gradient_check(f, grad_f, x, h=1e-5):
    return relative_error(np.asarray(grad_f(x), dtype=float), numerical_gradient(f, x, h=h))
