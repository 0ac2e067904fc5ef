"""Sanity checks before a long training run: the initial loss, and overfitting one small batch.

A classifier that starts with small random weights gives every class about the same probability, 1/k, so its
first cross-entropy is about -ln(1/k) = ln k (2.30 for 10 classes). Far from it, something is wrong before the
first step. Then a model that cannot drive the loss to almost 0 on a handful of examples has a bug.
"""
from __future__ import annotations

import numpy as np


def expected_initial_loss(num_classes: int) -> float:
    """The cross-entropy of a classifier that gives each of num_classes classes the same probability."""
    # TODO
    raise NotImplementedError


def cross_entropy(logits: np.ndarray, y: np.ndarray) -> float:
    """Mean softmax cross-entropy of scores `logits` (n, k) against integer labels y (n,), finite for large scores.

    Subtract each row's maximum, then log_softmax = z - log(sum(exp(z))) (the log-sum-exp trick).
    """
    # TODO
    raise NotImplementedError


def initial_loss_ok(logits: np.ndarray, y: np.ndarray, num_classes: int, tolerance: float = 0.25) -> bool:
    """True when cross_entropy(logits, y) is within `tolerance` of expected_initial_loss(num_classes)."""
    # TODO
    raise NotImplementedError


def overfit_batch(x: np.ndarray, y: np.ndarray, num_classes: int, steps: int, lr: float) -> list[float]:
    """Train softmax regression on this one batch only, and return the loss before each of the `steps` steps.

    Start from W = zeros((d, num_classes)) and b = zeros(num_classes); each step: record
    cross_entropy(x @ W + b, y), then W -= lr * dW and b -= lr * db with the gradient of that loss.
    On a small batch the losses must fall towards 0: if they do not, the model or its gradient has a bug.
    """
    # TODO
    raise NotImplementedError
