"""One-hot rows from np.eye, math.isclose with abs_tol for the tolerance, losses returned as an array."""
import math

import numpy as np


def expected_initial_loss(num_classes):
    return float(np.log(num_classes))


def cross_entropy(logits, y):
    z = logits - logits.max(axis=1, keepdims=True)
    log_probs = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    onehot = np.eye(logits.shape[1])[y]
    return float(-(onehot * log_probs).sum(axis=1).mean())


def initial_loss_ok(logits, y, num_classes, tolerance=0.25):
    return math.isclose(cross_entropy(logits, y), expected_initial_loss(num_classes), rel_tol=0.0,
                        abs_tol=tolerance)


def overfit_batch(x, y, num_classes, steps, lr):
    n, d = x.shape
    W, b = np.zeros((d, num_classes)), np.zeros(num_classes)
    onehot = np.eye(num_classes)[y]
    losses = np.empty(steps)
    for i in range(steps):
        z = x @ W + b
        losses[i] = cross_entropy(z, y)
        z = z - z.max(axis=1, keepdims=True)
        p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        dz = (p - onehot) / n
        W -= lr * x.T @ dz
        b -= lr * dz.sum(axis=0)
    return losses
