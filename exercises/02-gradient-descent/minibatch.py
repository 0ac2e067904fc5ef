"""Mini-batch gradient descent for softmax regression on MNIST, in NumPy.

The workshop: take your batch gradient descent (softmax_regression.py) and add an inner loop over mini-batches.
Each epoch shuffles the training set, cuts it into batches of `batch_size` examples (the last one may be smaller)
and takes one step per batch. With batch_size = 1 this is stochastic gradient descent (SGD); with
batch_size = n it is batch gradient descent again.
"""
from __future__ import annotations

from typing import Callable, Iterator

import numpy as np

GradFn = Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray], tuple[float, np.ndarray, np.ndarray]]


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax of scores z, shape (n, k), stable for large scores (as in softmax_regression.py)."""
    # TODO: copy your softmax from softmax_regression.py
    raise NotImplementedError


def loss_and_gradients(x: np.ndarray, y: np.ndarray, W: np.ndarray,
                       b: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
    """(loss, dW, db) for the mean cross-entropy of softmax(x @ W + b) on the batch (x, y).

    loss is a float; dW and db have the shapes of W and b (as gradients() in softmax_regression.py).
    """
    # TODO: the loss and the gradients of softmax_regression.py, computed in one pass
    raise NotImplementedError


def minibatches(n: int, batch_size: int, rng: np.random.Generator | int) -> Iterator[np.ndarray]:
    """Yield the index arrays of one epoch's mini-batches.

    Shuffle with order = rng.permutation(n) (once per call), then yield order[0:batch_size],
    order[batch_size:2 * batch_size], ... : ceil(n / batch_size) arrays, the last one possibly smaller,
    so that every index 0..n-1 appears exactly once.
    """
    rng = np.random.default_rng(rng)  # accepts a Generator (returned unchanged) or an int seed
    # TODO: shuffle the indices with rng.permutation(n) and yield consecutive slices of batch_size
    raise NotImplementedError


def train_minibatch(x: np.ndarray, y: np.ndarray, lr: float = 0.5, epochs: int = 5, batch_size: int = 64,
                    seed: int = 0, num_classes: int = 10,
                    grad_fn: GradFn | None = None) -> tuple[np.ndarray, np.ndarray, list[float]]:
    """Mini-batch gradient descent from W = zeros((d, num_classes)) and b = zeros(num_classes).

    Make rng = np.random.default_rng(seed) once; every epoch, for each idx in minibatches(n, batch_size, rng):
    (loss, dW, db) = grad_fn(x[idx], y[idx], W, b), append loss to losses, then W -= lr * dW and b -= lr * db.
    grad_fn defaults to loss_and_gradients (the grader may pass its own, with the same signature).
    Return (W, b, losses): one loss per update, epochs * ceil(n / batch_size) of them.
    """
    # TODO: grad_fn = grad_fn or loss_and_gradients; the outer loop over epochs, the inner loop over mini-batches
    raise NotImplementedError


def predict(W: np.ndarray, b: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The predicted class of each row of x, shape (n,) (as in softmax_regression.py)."""
    # TODO: copy your predict from softmax_regression.py
    raise NotImplementedError
