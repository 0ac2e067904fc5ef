"""Divides by sqrt(epoch) at epoch 0 too."""
import numpy as np


def inverse_time(alpha0, decay, epoch):
    return alpha0 / (1 + decay * np.asarray(epoch))


def exponential(alpha0, beta, epoch):
    return alpha0 * float(beta) ** np.asarray(epoch, dtype=float)


def inverse_sqrt(alpha0, k, epoch):
    with np.errstate(divide="ignore"):
        return alpha0 * k / np.sqrt(np.asarray(epoch, dtype=float))


def step(alpha0, k, every, epoch):
    return alpha0 / float(k) ** (np.asarray(epoch) // every)
