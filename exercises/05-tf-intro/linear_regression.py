"""Linear regression in a TensorFlow 1 graph: placeholders, a loss, GradientDescentOptimizer and mini-batches.

TensorFlow 1 style through tf.compat.v1, in a graph of your own (`g = tf.Graph()`, `with g.as_default():`).
"""
from __future__ import annotations

from typing import Any

import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1


def open_session(graph: tf.Graph) -> tf1.Session:
    """Given, keep it as it is: a session that runs `graph`. The grader opens its own sessions with it."""
    return tf1.Session(graph=graph)


def build_model(n_features: int, learning_rate: float) -> dict[str, Any]:
    """Build, in a NEW graph, linear regression trained by gradient descent.

    - placeholders "X" (float32, shape (None, n_features)) and "y" (float32, shape (None, 1));
    - variables "w" (shape (n_features, 1)) and "b" (shape (1,)), float32, both starting at zero;
    - "prediction" = X·w + b (tf.matmul), shape (None, 1);
    - "loss" = the mean squared error, mean((prediction - y)²);
    - "train_op" = one gradient-descent step on the loss: tf1.train.GradientDescentOptimizer(learning_rate);
    - "init" = the initialiser of all variables.
    Return {"graph", "X", "y", "w", "b", "prediction", "loss", "train_op", "init"}.
    """
    # TODO: placeholders, variables (tf.zeros), prediction, loss (tf.reduce_mean, tf.square),
    #       train_op = optimizer.minimize(loss), init = tf1.global_variables_initializer()
    raise NotImplementedError


def train(X: np.ndarray, y: np.ndarray, *, learning_rate: float = 0.05, epochs: int = 5, batch_size: int = 20,
          seed: int = 0) -> dict[str, Any]:
    """Fit the model of build_model to X (shape (n, n_features)) and y (shape (n, 1)) with mini-batches.

    Run the initialiser once; then, for each epoch, shuffle the row indexes with
    rng.permutation(n) (rng = np.random.default_rng(seed), made once) and run train_op once per mini-batch of
    batch_size rows (the last one may be smaller), feeding X and y.
    Return {"w": w (shape (n_features, 1)), "b": b (shape (1,)), "loss": the loss on all of X, y at the end}
    as NumPy values.
    """
    # TODO: build the graph once, before the loop (a node made inside the loop is added to the graph every time)
    raise NotImplementedError
