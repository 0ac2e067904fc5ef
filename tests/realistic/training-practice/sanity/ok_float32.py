"""float32 model and data, as a GPU run would use."""
import numpy as np


def expected_initial_loss(num_classes):
    return np.log(np.float32(num_classes))


def cross_entropy(logits, y):
    z = np.asarray(logits, dtype=np.float32)
    z = z - z.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return -log_p[np.arange(len(y)), y].mean()


def initial_loss_ok(logits, y, num_classes, tolerance=0.25):
    return bool(abs(cross_entropy(logits, y) - expected_initial_loss(num_classes)) <= tolerance)


def overfit_batch(x, y, num_classes, steps, lr):
    x = x.astype(np.float32)
    W = np.zeros((x.shape[1], num_classes), dtype=np.float32)
    b = np.zeros(num_classes, dtype=np.float32)
    onehot = np.eye(num_classes, dtype=np.float32)[y]
    losses = []
    for _ in range(steps):
        z = x @ W + b
        losses.append(cross_entropy(z, y))
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        dz = (p - onehot) / len(y)
        W -= np.float32(lr) * (x.T @ dz)
        b -= np.float32(lr) * dz.sum(axis=0)
    return losses
