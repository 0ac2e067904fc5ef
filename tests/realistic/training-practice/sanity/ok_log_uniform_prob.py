"""-log(1 / k) for the expected loss; the softmax's log taken row by row through np.take_along_axis."""
import numpy as np


def expected_initial_loss(num_classes):
    return -np.log(1.0 / num_classes)


def cross_entropy(logits, y):
    logits = np.asarray(logits, dtype=np.float64)
    shifted = logits - np.max(logits, axis=-1, keepdims=True)
    lse = np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))
    picked = np.take_along_axis(shifted - lse, np.asarray(y).reshape(-1, 1), axis=-1)
    return -np.mean(picked)


def initial_loss_ok(logits, y, num_classes, tolerance=0.25):
    gap = abs(cross_entropy(logits, y) - expected_initial_loss(num_classes))
    return bool(gap <= tolerance)


def overfit_batch(x, y, num_classes, steps, lr):
    W = np.zeros((x.shape[1], num_classes))
    b = np.zeros((num_classes,))
    history = []
    for _ in range(steps):
        scores = x @ W + b
        history.append(cross_entropy(scores, y))
        e = np.exp(scores - scores.max(axis=1, keepdims=True))
        probs = e / e.sum(axis=1, keepdims=True)
        probs[np.arange(len(y)), y] -= 1
        probs /= len(y)
        W, b = W - lr * (x.T @ probs), b - lr * probs.sum(axis=0)
    return history
