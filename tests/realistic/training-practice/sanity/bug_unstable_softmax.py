"""Softmax then log, without subtracting the maximum: exp(1000) overflows."""
import numpy as np


def expected_initial_loss(num_classes):
    return float(np.log(num_classes))


def softmax(z):
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def cross_entropy(logits, y):
    p = softmax(logits)
    return float(-np.mean(np.log(p[np.arange(len(y)), y])))


def initial_loss_ok(logits, y, num_classes, tolerance=0.25):
    return abs(cross_entropy(logits, y) - expected_initial_loss(num_classes)) <= tolerance


def overfit_batch(x, y, num_classes, steps, lr):
    W, b = np.zeros((x.shape[1], num_classes)), np.zeros(num_classes)
    onehot = np.eye(num_classes)[y]
    losses = []
    for _ in range(steps):
        z = x @ W + b
        losses.append(cross_entropy(z, y))
        dz = (softmax(z) - onehot) / len(y)
        W -= lr * x.T @ dz
        b -= lr * dz.sum(axis=0)
    return losses
