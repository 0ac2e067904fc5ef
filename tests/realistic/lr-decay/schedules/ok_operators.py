"""Plain operators, np.where for epoch 0, np.floor for the staircase."""
import numpy as np


def inverse_time(alpha0, decay, epoch):
    return alpha0 / (1.0 + decay * epoch)


def exponential(alpha0, beta, epoch):
    return alpha0 * beta ** np.asarray(epoch, dtype=float)


def inverse_sqrt(alpha0, k, epoch):
    e = np.asarray(epoch, dtype=float)
    return alpha0 * k / np.sqrt(np.where(e < 1, 1.0, e))


def step(alpha0, k, every, epoch):
    drops = np.floor(np.asarray(epoch) / every)
    return alpha0 * (1.0 / k) ** drops
