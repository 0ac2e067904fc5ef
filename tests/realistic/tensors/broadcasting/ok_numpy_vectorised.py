"""Vectorised with NumPy arrays of dimensions; returns the array of dimensions."""
import numpy as np


def broadcast_shape(a, b):
    n = max(len(a), len(b))
    pa = np.concatenate([np.ones(n - len(a), dtype=int), np.array(a, dtype=int)])
    pb = np.concatenate([np.ones(n - len(b), dtype=int), np.array(b, dtype=int)])
    if np.any((pa != pb) & (pa != 1) & (pb != 1)):
        raise ValueError(f"shapes {a} and {b} do not broadcast")
    return np.where(pa == 1, pb, pa)
