"""math and plain loops: one row at a time."""
import math

import numpy as np


def expected_initial_loss(num_classes):
    return -math.log(1.0 / num_classes)


def cross_entropy(logits, y):
    total = 0.0
    for row, label in zip(logits, y):
        m = max(row)
        log_sum = m + math.log(sum(math.exp(v - m) for v in row))
        total += log_sum - row[label]
    return total / len(y)


def initial_loss_ok(logits, y, num_classes, tolerance=0.25):
    diff = abs(cross_entropy(logits, y) - expected_initial_loss(num_classes))
    if diff <= tolerance:
        return True
    return False


def overfit_batch(x, y, num_classes, steps, lr):
    n, d = x.shape
    W = np.zeros((d, num_classes))
    b = np.zeros(num_classes)
    losses = []
    for step in range(steps):
        scores = x @ W + b
        losses.append(cross_entropy(scores, y))
        exp = np.exp(scores - scores.max(axis=1, keepdims=True))
        probs = exp / exp.sum(axis=1, keepdims=True)
        for i in range(n):
            probs[i, y[i]] -= 1
        probs /= n
        W = W - lr * x.T.dot(probs)
        b = b - lr * probs.sum(axis=0)
    return losses
