"""Avoids sqrt(0) by dividing by sqrt(epoch + 1): every epoch shifted by one."""
import numpy as np


def inverse_time(alpha0, decay, epoch):
    return alpha0 / (1 + decay * epoch)


def exponential(alpha0, beta, epoch):
    return alpha0 * beta ** epoch


def inverse_sqrt(alpha0, k, epoch):
    return alpha0 * k / np.sqrt(epoch + 1)


def step(alpha0, k, every, epoch):
    return alpha0 / k ** (epoch // every)
