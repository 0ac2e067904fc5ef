"""Divides by |b| only (the numerical gradient), as a plain relative difference: 0/0 when both are zero."""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for i in np.ndindex(*x.shape):
        x0 = x[i]
        x[i] = x0 + h
        fp = f(x)
        x[i] = x0 - h
        fm = f(x)
        x[i] = x0
        g[i] = (fp - fm) / (2 * h)
    return g


def relative_error(a, b):
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-12)))


def gradient_check(f, grad_f, x, h=1e-5):
    return relative_error(grad_f(x), numerical_gradient(f, x, h))
