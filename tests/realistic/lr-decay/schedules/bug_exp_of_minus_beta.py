"""Exponential decay written alpha0 * exp(-beta * epoch), the continuous form with a rate constant."""
import numpy as np


def inverse_time(alpha0, decay, epoch):
    return alpha0 / (1 + decay * epoch)


def exponential(alpha0, beta, epoch):
    return alpha0 * np.exp(-beta * epoch)


def inverse_sqrt(alpha0, k, epoch):
    return alpha0 * k / np.sqrt(np.maximum(epoch, 1))


def step(alpha0, k, every, epoch):
    return alpha0 / k ** (epoch // every)
