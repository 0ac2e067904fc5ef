"""Lets NumPy do the work: the shape of the sum of two empty arrays."""
import numpy as np


def broadcast_shape(a, b):
    return (np.empty(a) + np.empty(b)).shape
