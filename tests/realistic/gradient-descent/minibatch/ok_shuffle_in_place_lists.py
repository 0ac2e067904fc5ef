"""rng.shuffle of np.arange(n) in place, batches handed out as Python lists; x and y indexed inside the loop."""
import math

import numpy as np

def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def loss_and_gradients(x, y, W, b):
    n = len(y)
    p = softmax(x @ W + b)
    loss = float(-np.log(p[np.arange(n), y]).mean())
    p[np.arange(n), y] -= 1
    p /= n
    return loss, x.T @ p, p.sum(axis=0)


def predict(W, b, x):
    return np.argmax(x @ W + b, axis=1)


def minibatches(n, batch_size, rng):
    rng = np.random.default_rng(rng)
    order = np.arange(n)
    rng.shuffle(order)
    for k in range(math.ceil(n / batch_size)):
        yield order[k * batch_size:(k + 1) * batch_size].tolist()


def train_minibatch(x, y, lr=0.5, epochs=5, batch_size=64, seed=0, num_classes=10, grad_fn=None):
    if grad_fn is None:
        grad_fn = loss_and_gradients
    rng = np.random.default_rng(seed)
    W = np.zeros((x.shape[1], num_classes))
    b = np.zeros(num_classes)
    losses = []
    for epoch in range(1, epochs + 1):
        for idx in minibatches(x.shape[0], batch_size, rng):
            loss, dW, db = grad_fn(x[idx], y[idx], W, b)
            losses.append(loss)
            W = W - lr * dW
            b = b - lr * db
    return W, b, losses
