import numpy as np


def loss_and_gradients(x, y, W, b):
    """Given, keep it as it is: (loss, dW, db) of softmax regression's mean cross-entropy on (x, y)."""
    z = x @ W + b
    z = z - z.max(axis=1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=1, keepdims=True)
    n = len(y)
    loss = float(-np.log(p[np.arange(n), y] + 1e-300).mean())
    p[np.arange(n), y] -= 1.0
    dz = p / n
    return loss, x.T @ dz, dz.sum(axis=0)


def lr_range(lr_min, lr_max, steps):
    return np.geomspace(lr_min, lr_max, steps)


def range_test(x, y, num_classes, lrs):
    W, b = np.zeros((x.shape[1], num_classes)), np.zeros(num_classes)
    losses = []
    for lr in lrs:
        _, dW, db = loss_and_gradients(x, y, W, b)
        W, b = W - lr * dW, b - lr * db
        losses.append(loss_and_gradients(x, y, W, b)[0])  # the loss after the step
    return losses


def suggest_lr(lrs, losses):
    losses = np.asarray(losses, dtype=float)
    return lrs[np.nanargmin(np.where(np.isfinite(losses), losses, np.nan))] / 10
