"""Scalar formulas with math, wrapped by np.vectorize so that arrays work too."""
import math

import numpy as np


def _rate(fn):
    vec = np.vectorize(fn, otypes=[float])

    def wrapper(*args):
        *hyper, epoch = args
        out = vec(*hyper, epoch)
        return float(out) if np.ndim(epoch) == 0 else out
    return wrapper


inverse_time = _rate(lambda a, d, e: a / (1 + d * e))
exponential = _rate(lambda a, b, e: a * b ** e)
inverse_sqrt = _rate(lambda a, k, e: a * k / math.sqrt(max(e, 1)))
step = _rate(lambda a, k, every, e: a / k ** (e // every))
