"""math.sqrt and max(): right for one epoch, fails on arrays of epochs."""
import math


def inverse_time(alpha0, decay, epoch):
    return alpha0 / (1 + decay * epoch)


def exponential(alpha0, beta, epoch):
    return alpha0 * beta ** epoch


def inverse_sqrt(alpha0, k, epoch):
    return alpha0 * k / math.sqrt(max(epoch, 1))


def step(alpha0, k, every, epoch):
    return alpha0 / k ** (epoch // every)
