"""Works on a flat view of a float copy, with a plain for loop over range(size)."""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    point = np.array(x, dtype=float)
    flat = point.reshape(-1)  # a view: writing flat[i] changes point
    grad = np.zeros(flat.size)
    for i in range(flat.size):
        keep = flat[i]
        flat[i] = keep + h
        up = f(point)
        flat[i] = keep - h
        down = f(point)
        flat[i] = keep
        grad[i] = (up - down) / (2.0 * h)
    return grad.reshape(point.shape)


def relative_error(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    num = np.abs(a - b)
    den = np.abs(a) + np.abs(b)
    den[den < 1e-12] = 1e-12
    return np.max(num / den).item()


def gradient_check(f, grad_f, x, h=1e-5):
    numeric = numerical_gradient(f, x, h)
    analytic = grad_f(np.array(x, dtype=float))
    return relative_error(analytic, numeric)
