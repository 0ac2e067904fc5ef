"""Reference: save a trained graph with Saver, restore it with import_meta_graph + restore."""
from __future__ import annotations

import os

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")

from typing import Any  # noqa: E402

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

tf1 = tf.compat.v1


def build_model(n_features: int) -> dict[str, Any]:
    """Given, keep it as it is: a linear model in a NEW graph, trained by Adam on the mean squared error.

    Nodes by name: placeholders "X:0" (None, n_features) and "y:0" (None, 1), the output "prediction:0"; the
    dense layer's variables "dense/kernel" and "dense/bias" (plus Adam's own variables).
    """
    g = tf.Graph()
    with g.as_default():
        X = tf1.placeholder(tf.float32, shape=(None, n_features), name="X")
        y = tf1.placeholder(tf.float32, shape=(None, 1), name="y")
        prediction = tf.identity(tf1.layers.dense(X, 1, name="dense"), name="prediction")
        loss = tf.reduce_mean(tf.square(prediction - y), name="loss")
        train_op = tf1.train.AdamOptimizer(0.05).minimize(loss)
        init = tf1.global_variables_initializer()
    return {"graph": g, "X": X, "y": y, "prediction": prediction, "loss": loss, "train_op": train_op,
            "init": init}


def fit(sess: tf1.Session, model: dict[str, Any], X: np.ndarray, y: np.ndarray, epochs: int = 10,
        batch_size: int = 20) -> None:
    """Given, keep it as it is: mini-batch training of `model` in `sess` (its variables already initialised)."""
    rng = np.random.default_rng(0)
    for _ in range(epochs):
        order = rng.permutation(len(X))
        for start in range(0, len(X), batch_size):
            rows = order[start:start + batch_size]
            sess.run(model["train_op"], feed_dict={model["X"]: X[rows], model["y"]: y[rows]})


def train_and_save(X: np.ndarray, y: np.ndarray, directory: str) -> dict[str, Any]:
    model = build_model(X.shape[1])
    with model["graph"].as_default():
        saver = tf1.train.Saver()  # after the variables, in their graph: it saves all of them by name
    os.makedirs(directory, exist_ok=True)
    with tf1.Session(graph=model["graph"]) as sess:
        sess.run(model["init"])
        fit(sess, model, X, y)
        predictions = sess.run(model["prediction"], feed_dict={model["X"]: X})
        prefix = saver.save(sess, os.path.join(directory, "model"))  # model.meta, model.index, model.data-*
    return {"prefix": prefix, "predictions": predictions}


def restore_and_predict(prefix: str, X: np.ndarray) -> np.ndarray:
    g = tf.Graph()
    with g.as_default():
        saver = tf1.train.import_meta_graph(prefix + ".meta")  # the graph's structure, from the .meta file
    with tf1.Session(graph=g) as sess:
        saver.restore(sess, prefix)  # the values, from .index + .data; no initialiser needed
        return sess.run("prediction:0", feed_dict={"X:0": X})
