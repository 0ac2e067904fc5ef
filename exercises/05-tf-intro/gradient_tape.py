"""The same linear regression in TensorFlow 2: eager tensors, tf.Variable, tf.GradientTape and a Keras optimizer.

No graph to build by hand and no session: operations run as soon as they are called. A function decorated
with @tf.function is traced into a graph the first time it is called, and that graph runs afterwards.
"""
from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf


def loss_and_gradients(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: np.ndarray
                       ) -> tuple[float, np.ndarray, np.ndarray]:
    """The mean squared error of the linear model X·w + b, and its gradients with respect to w and b.

    X has shape (n, n_features), y (n, 1), w (n_features, 1), b (1,). Record the loss on a tf.GradientTape and
    ask the tape for the gradients. Return (loss as a float, dloss/dw of shape (n_features, 1),
    dloss/db of shape (1,)) as NumPy values.
    """
    # TODO: make w and b tf.Variable objects, compute the loss inside `with tf.GradientTape() as tape:`,
    #       then tape.gradient(loss, [w, b]); .numpy() turns a tensor into a NumPy array
    raise NotImplementedError


def fit(X: np.ndarray, y: np.ndarray, *, learning_rate: float = 0.05, epochs: int = 5, batch_size: int = 20,
        seed: int = 0) -> dict[str, Any]:
    """Fit w (n_features, 1) and b (1,), both tf.Variable starting at zero, with keras.optimizers.SGD.

    For each epoch, shuffle the rows with rng.permutation(n) (rng = np.random.default_rng(seed), made once) and
    take one optimizer step per mini-batch of batch_size rows: the loss on a tape, the tape's gradients, then
    optimizer.apply_gradients(zip(gradients, [w, b])).
    Return {"w": w, "b": b, "loss": the loss on all of X, y at the end} as NumPy values.
    """
    # TODO: a train_step(X_batch, y_batch) decorated with @tf.function is traced once and then runs as a graph
    raise NotImplementedError
