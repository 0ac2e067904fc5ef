"""Exponential through exp(epoch * log(beta)); np.clip for epoch 0; the step drop as a power of 1/k."""
import numpy as np


def inverse_time(alpha0, decay, epoch):
    return alpha0 / (1.0 + decay * np.asarray(epoch, dtype=float))


def exponential(alpha0, beta, epoch):
    return alpha0 * np.exp(np.asarray(epoch) * np.log(beta))


def inverse_sqrt(alpha0, k, epoch):
    return alpha0 * k * np.clip(epoch, 1, None) ** -0.5


def step(alpha0, k, every, epoch):
    drops = np.floor_divide(epoch, every)
    return alpha0 * (1.0 / k) ** drops
