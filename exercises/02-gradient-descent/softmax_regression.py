"""Softmax regression on MNIST, trained with batch gradient descent, in NumPy.

The model maps a row of pixels x (784 values) to 10 scores z = x W + b, turns them into probabilities with
softmax, and is trained to minimise the mean cross-entropy over the training set. Batch gradient descent
computes the gradient on the whole training set and takes one step per epoch.

Try it yourself: load MNIST with `from tutor.data.mnist import load_mnist`, then
    ((x_train, y_train), (x_test, y_test)), _ = load_mnist()
    W, b, losses = train(prepare(x_train), y_train)
    print((predict(W, b, prepare(x_test)) == y_test).mean())
"""
from __future__ import annotations

import numpy as np


def prepare(images: np.ndarray) -> np.ndarray:
    """Turn uint8 images of shape (n, 28, 28) into float64 rows of shape (n, 784) with values in [0, 1]."""
    # TODO: flatten each image into one row and scale the pixels (0..255) to [0, 1]
    raise NotImplementedError


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax of scores z, shape (n, k): each row of the result is positive and sums to 1.

    It must stay finite for large scores such as [1000, 1001, 1002].
    """
    # TODO: subtract each row's maximum before np.exp, then divide by the row sums
    raise NotImplementedError


def cross_entropy(probs: np.ndarray, y: np.ndarray) -> float:
    """Mean cross-entropy: the average over rows i of -log(probs[i, y[i]]).

    probs has shape (n, k), y holds n integer labels in 0..k-1.
    """
    # TODO: pick each row's probability of its true class and average -log of it
    raise NotImplementedError


def gradients(x: np.ndarray, y: np.ndarray, W: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Gradient of cross_entropy(softmax(x @ W + b), y) with respect to W (d, k) and b (k,).

    x has shape (n, d), y holds n labels. Return (dW, db) with the shapes of W and b.
    """
    # TODO: delta = softmax(x @ W + b) - onehot(y), then dW = x.T @ delta and db = the column sums,
    #       both divided by n because the loss is a mean
    raise NotImplementedError


def train(x: np.ndarray, y: np.ndarray, lr: float = 0.5, epochs: int = 50,
          num_classes: int = 10) -> tuple[np.ndarray, np.ndarray, list[float]]:
    """Batch gradient descent from W = zeros((d, num_classes)) and b = zeros(num_classes).

    Each epoch: record the loss on the whole of (x, y) with the current W and b, then take one step
    W -= lr * dW, b -= lr * db with the gradient on the whole of (x, y).
    Return (W, b, losses), where losses holds `epochs` floats, one per epoch, each measured before its step.
    """
    # TODO: start from zeros; loop over the epochs: loss, gradients, one update
    raise NotImplementedError


def predict(W: np.ndarray, b: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The predicted class of each row of x: the index of its largest score in x @ W + b, shape (n,)."""
    # TODO: argmax of the scores along the class axis
    raise NotImplementedError
