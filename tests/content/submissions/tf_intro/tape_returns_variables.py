"""A wrong tf-intro/gradient-tape submission: fit returns the tf.Variable objects, not their values."""
from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf


def _mse(X: tf.Tensor, y: tf.Tensor, w: tf.Variable, b: tf.Variable) -> tf.Tensor:
    return tf.reduce_mean(tf.square(tf.matmul(X, w) + b - y))


def loss_and_gradients(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: np.ndarray
                       ) -> tuple[float, np.ndarray, np.ndarray]:
    w_var, b_var = tf.Variable(w, dtype=tf.float32), tf.Variable(b, dtype=tf.float32)
    X, y = tf.constant(X, tf.float32), tf.constant(y, tf.float32)
    with tf.GradientTape() as tape:  # records the operations on watched variables
        loss = _mse(X, y, w_var, b_var)
    dw, db = tape.gradient(loss, [w_var, b_var])  # the chain rule, backwards through the recording
    return float(loss.numpy()), dw.numpy(), db.numpy()


def fit(X: np.ndarray, y: np.ndarray, *, learning_rate: float = 0.05, epochs: int = 5, batch_size: int = 20,
        seed: int = 0) -> dict[str, Any]:
    w = tf.Variable(tf.zeros((X.shape[1], 1)), name="w")
    b = tf.Variable(tf.zeros((1,)), name="b")
    optimizer = keras.optimizers.SGD(learning_rate=learning_rate)

    @tf.function  # traced into a graph on the first call, as TF1 built one by hand
    def train_step(X_batch: tf.Tensor, y_batch: tf.Tensor) -> tf.Tensor:
        with tf.GradientTape() as tape:
            loss = _mse(X_batch, y_batch, w, b)
        gradients = tape.gradient(loss, [w, b])
        optimizer.apply_gradients(zip(gradients, [w, b]))
        return loss

    X32, y32 = X.astype(np.float32), y.astype(np.float32)
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        order = rng.permutation(len(X))
        for start in range(0, len(X), batch_size):
            rows = order[start:start + batch_size]
            train_step(tf.constant(X32[rows]), tf.constant(y32[rows]))
    loss = _mse(tf.constant(X32), tf.constant(y32), w, b)
    return {"w": w, "b": b, "loss": float(loss.numpy())}
