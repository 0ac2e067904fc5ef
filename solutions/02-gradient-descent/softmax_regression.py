"""Reference: softmax regression on MNIST trained with batch gradient descent, in NumPy."""
from __future__ import annotations

import numpy as np


def prepare(images: np.ndarray) -> np.ndarray:
    # One row per image, pixels scaled to [0, 1] so that a learning rate near 0.5 is stable.
    images = np.asarray(images)
    return images.reshape(len(images), -1).astype(np.float64) / 255.0


def softmax(z: np.ndarray) -> np.ndarray:
    # Subtracting the row maximum leaves the result unchanged and keeps exp() from overflowing.
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def cross_entropy(probs: np.ndarray, y: np.ndarray) -> float:
    n = len(y)
    return float(-np.mean(np.log(probs[np.arange(n), y])))


def gradients(x: np.ndarray, y: np.ndarray, W: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n = len(y)
    delta = softmax(x @ W + b)
    delta[np.arange(n), y] -= 1.0  # p - onehot(y): the gradient of the loss with respect to the logits
    delta /= n  # the loss is a mean over the batch, so is its gradient
    return x.T @ delta, delta.sum(axis=0)


def train(x: np.ndarray, y: np.ndarray, lr: float = 0.5, epochs: int = 50,
          num_classes: int = 10) -> tuple[np.ndarray, np.ndarray, list[float]]:
    W = np.zeros((x.shape[1], num_classes))
    b = np.zeros(num_classes)
    losses: list[float] = []
    for _ in range(epochs):
        losses.append(cross_entropy(softmax(x @ W + b), y))  # before the step, on the whole training set
        dW, db = gradients(x, y, W, b)
        W -= lr * dW  # one step per epoch: this is what makes it *batch* gradient descent
        b -= lr * db
    return W, b, losses


def predict(W: np.ndarray, b: np.ndarray, x: np.ndarray) -> np.ndarray:
    return np.argmax(x @ W + b, axis=1)
