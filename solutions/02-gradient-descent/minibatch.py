"""Reference: mini-batch (and stochastic) gradient descent for softmax regression on MNIST, in NumPy."""
from __future__ import annotations

from typing import Callable, Iterator

import numpy as np

GradFn = Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray], tuple[float, np.ndarray, np.ndarray]]


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def loss_and_gradients(x: np.ndarray, y: np.ndarray, W: np.ndarray,
                       b: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
    n = len(y)
    probs = softmax(x @ W + b)
    loss = float(-np.mean(np.log(probs[np.arange(n), y])))
    delta = probs
    delta[np.arange(n), y] -= 1.0
    delta /= n
    return loss, x.T @ delta, delta.sum(axis=0)


def minibatches(n: int, batch_size: int, rng: np.random.Generator | int) -> Iterator[np.ndarray]:
    rng = np.random.default_rng(rng)  # a Generator comes back unchanged; an int seeds a new one
    order = rng.permutation(n)  # a new order every epoch, so no batch is the same twice in a row
    for start in range(0, n, batch_size):
        yield order[start:start + batch_size]  # the last batch may be smaller: every example counts


def train_minibatch(x: np.ndarray, y: np.ndarray, lr: float = 0.5, epochs: int = 5, batch_size: int = 64,
                    seed: int = 0, num_classes: int = 10,
                    grad_fn: GradFn | None = None) -> tuple[np.ndarray, np.ndarray, list[float]]:
    grad_fn = grad_fn or loss_and_gradients
    rng = np.random.default_rng(seed)
    W = np.zeros((x.shape[1], num_classes))
    b = np.zeros(num_classes)
    losses: list[float] = []
    for _ in range(epochs):
        for idx in minibatches(len(x), batch_size, rng):  # the inner loop: one update per mini-batch
            loss, dW, db = grad_fn(x[idx], y[idx], W, b)
            losses.append(float(loss))
            W = W - lr * np.asarray(dW)
            b = b - lr * np.asarray(db)
    return W, b, losses


def predict(W: np.ndarray, b: np.ndarray, x: np.ndarray) -> np.ndarray:
    return np.argmax(x @ W + b, axis=1)
