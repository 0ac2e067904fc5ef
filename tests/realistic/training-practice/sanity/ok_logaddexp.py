import numpy as np


def expected_initial_loss(num_classes):
    return np.log(num_classes)


def cross_entropy(logits, y):
    logits = np.asarray(logits, dtype=np.float64)
    lse = np.logaddexp.reduce(logits, axis=1)  # stable log-sum-exp without subtracting the max by hand
    return np.mean(lse - logits[np.arange(len(y)), y])


def initial_loss_ok(logits, y, num_classes, tolerance=0.25):
    return np.abs(cross_entropy(logits, y) - expected_initial_loss(num_classes)) <= tolerance


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def overfit_batch(x, y, num_classes, steps, lr):
    W = np.zeros((x.shape[1], num_classes))
    b = np.zeros(num_classes)
    Y = np.zeros((len(y), num_classes))
    Y[np.arange(len(y)), y] = 1
    history = np.empty(steps)
    for i in range(steps):
        logits = x @ W + b
        history[i] = cross_entropy(logits, y)
        grad = (softmax(logits) - Y) / len(y)
        W -= lr * x.T @ grad
        b -= lr * grad.sum(axis=0)
    return history
