"""np.power, np.maximum and np.floor_divide on whatever epoch is."""
import numpy as np


def inverse_time(alpha0, decay, epoch):
    return alpha0 / (1 + decay * np.asarray(epoch))


def exponential(alpha0, beta, epoch):
    return alpha0 * np.power(beta, epoch)


def inverse_sqrt(alpha0, k, epoch):
    return alpha0 * k / np.sqrt(np.maximum(epoch, 1))


def step(alpha0, k, every, epoch):
    return alpha0 / np.power(float(k), np.floor_divide(epoch, every))
