"""Loops over the flat index with range(x.size) and np.unravel_index; plain Python floats for the error."""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    point = np.asarray(x, dtype=np.float64).copy()
    grad = np.empty(point.shape)
    for flat in range(point.size):
        i = np.unravel_index(flat, point.shape)
        saved = float(point[i])
        point[i] = saved + h
        up = f(point)
        point[i] = saved - h
        down = f(point)
        point[i] = saved
        grad[i] = (up - down) / (2.0 * h)
    return grad


def relative_error(a, b):
    worst = 0.0
    for u, v in zip(np.ravel(a), np.ravel(b)):
        worst = max(worst, abs(u - v) / max(abs(u) + abs(v), 1e-12))
    return float(worst)


def gradient_check(f, grad_f, x, h=1e-5):
    return relative_error(np.asarray(grad_f(x)), numerical_gradient(f, x, h))
