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
    return np.logspace(np.log10(lr_min), np.log10(lr_max), num=steps)


def range_test(x, y, num_classes, lrs):
    d = x.shape[1]
    params = [np.zeros((d, num_classes)), np.zeros(num_classes)]
    history = np.zeros(len(lrs))
    for i, lr in enumerate(lrs):
        history[i], *grads = loss_and_gradients(x, y, *params)
        params = [p - lr * g for p, g in zip(params, grads)]
    return history


def suggest_lr(lrs, losses):
    losses = np.array(losses, dtype=float)
    losses[~np.isfinite(losses)] = np.inf
    return lrs[np.argmin(losses)] / 10.0
