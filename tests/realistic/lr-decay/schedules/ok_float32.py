"""Rates in float32, as a framework's learning-rate variable would hold them."""
import numpy as np


def inverse_time(alpha0, decay, epoch):
    return np.float32(alpha0) / (np.float32(1) + np.float32(decay) * np.asarray(epoch, np.float32))


def exponential(alpha0, beta, epoch):
    return np.float32(alpha0) * np.float32(beta) ** np.asarray(epoch, np.float32)


def inverse_sqrt(alpha0, k, epoch):
    return np.float32(alpha0 * k) / np.sqrt(np.maximum(np.asarray(epoch, np.float32), np.float32(1)))


def step(alpha0, k, every, epoch):
    return np.float32(alpha0) / np.float32(k) ** np.floor_divide(np.asarray(epoch), every).astype(np.float32)
