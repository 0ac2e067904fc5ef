"""np.array_split into ceil(n / b) sections: NumPy evens out the sizes instead of cutting batches of b."""
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
    order = rng.permutation(n)
    yield from np.array_split(order, math.ceil(n / batch_size))


def train_minibatch(x, y, lr=0.5, epochs=5, batch_size=64, seed=0, num_classes=10, grad_fn=None):
    grad_fn = grad_fn or loss_and_gradients
    rng = np.random.default_rng(seed)
    W, b = np.zeros((x.shape[1], num_classes)), np.zeros(num_classes)
    losses = []
    for _ in range(epochs):
        for idx in minibatches(len(x), batch_size, rng):
            loss, dW, db = grad_fn(x[idx], y[idx], W, b)
            losses.append(loss)
            W -= lr * dW
            b -= lr * db
    return W, b, losses
