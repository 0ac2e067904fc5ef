"""The expected loss as log(1 / k): negative, the sign of the cross-entropy forgotten."""
import numpy as np


def expected_initial_loss(num_classes):
    return float(np.log(1 / num_classes))


def cross_entropy(logits, y):
    z = logits - logits.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return float(-logp[np.arange(len(y)), y].mean())


def initial_loss_ok(logits, y, num_classes, tolerance=0.25):
    expected = expected_initial_loss(num_classes)
    return abs(cross_entropy(logits, y) - expected) <= tolerance


def overfit_batch(x, y, num_classes, steps, lr):
    W, b = np.zeros((x.shape[1], num_classes)), np.zeros(num_classes)
    losses = []
    for _ in range(steps):
        z = x @ W + b
        losses.append(cross_entropy(z, y))
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        p[np.arange(len(y)), y] -= 1
        p /= len(y)
        W -= lr * x.T @ p
        b -= lr * p.sum(axis=0)
    return losses
