"""Rates by repeated multiplication in a loop; range_test via a generator of (rate, loss) pairs; np.nanargmin."""
import numpy as np


def loss_and_gradients(x: np.ndarray, y: np.ndarray, W: np.ndarray, b: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
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
    rates = np.empty(steps)
    rates[0] = lr_min
    for i in range(1, steps):
        rates[i] = rates[i - 1] * (lr_max / lr_min) ** (1 / (steps - 1))
    rates[-1] = lr_max
    return rates


def _sweep(x, y, num_classes, lrs):
    W = np.zeros((x.shape[1], num_classes))
    b = np.zeros(num_classes)
    for lr in lrs:
        loss, dW, db = loss_and_gradients(x, y, W, b)
        yield lr, loss
        W -= lr * dW
        b -= lr * db


def range_test(x, y, num_classes, lrs):
    return [loss for _, loss in _sweep(x, y, num_classes, lrs)]


def suggest_lr(lrs, losses):
    losses = np.asarray(losses, dtype=float)
    losses[~np.isfinite(losses)] = np.nan
    return lrs[np.nanargmin(losses)] / 10
