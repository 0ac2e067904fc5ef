"""minibatches() returns a list built with a while loop; train uses `if grad_fn is None`."""
import numpy as np


def softmax(z):
    z = z - np.max(z, axis=1, keepdims=True)
    return np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)


def loss_and_gradients(x, y, W, b):
    n = len(y)
    probs = softmax(np.dot(x, W) + b)
    onehot = np.zeros_like(probs)
    onehot[np.arange(n), y] = 1.0
    loss = float(-np.sum(onehot * np.log(probs)) / n)
    delta = (probs - onehot) / n
    return loss, np.dot(x.T, delta), delta.sum(0)


def minibatches(n, batch_size, rng):
    order = np.random.default_rng(rng).permutation(n)
    batches, i = [], 0
    while i < n:
        batches.append(order[i:i + batch_size])
        i += batch_size
    return batches


def train_minibatch(x, y, lr=0.5, epochs=5, batch_size=64, seed=0, num_classes=10, grad_fn=None):
    if grad_fn is None:
        grad_fn = loss_and_gradients
    rng = np.random.default_rng(seed)
    W, b = np.zeros((x.shape[1], num_classes)), np.zeros(num_classes)
    losses = []
    for _ in range(epochs):
        for batch in minibatches(x.shape[0], batch_size, rng):
            loss, gW, gb = grad_fn(x[batch], y[batch], W, b)
            W = W - lr * gW
            b = b - lr * gb
            losses.append(float(loss))
    return W, b, losses


def predict(W, b, x):
    return np.argmax(np.dot(x, W) + b, 1)
