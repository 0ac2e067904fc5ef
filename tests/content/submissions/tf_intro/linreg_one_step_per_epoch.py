"""A wrong tf-intro/linear-regression submission: one step per epoch, on the whole data set."""
from __future__ import annotations

from typing import Any

import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1


def open_session(graph: tf.Graph) -> tf1.Session:
    """Given, keep it as it is: a session that runs `graph`. The grader opens its own sessions with it."""
    return tf1.Session(graph=graph)


def build_model(n_features: int, learning_rate: float) -> dict[str, Any]:
    g = tf.Graph()
    with g.as_default():
        X = tf1.placeholder(tf.float32, shape=(None, n_features), name="X")
        y = tf1.placeholder(tf.float32, shape=(None, 1), name="y")
        w = tf.Variable(tf.zeros((n_features, 1)), name="w")
        b = tf.Variable(tf.zeros((1,)), name="b")
        prediction = tf.add(tf.matmul(X, w), b, name="prediction")
        with tf.name_scope("loss"):
            loss = tf.reduce_mean(tf.square(prediction - y))
        # minimize() adds the gradient nodes (chain rule, backwards through the graph) and the update nodes.
        train_op = tf1.train.GradientDescentOptimizer(learning_rate).minimize(loss)
        init = tf1.global_variables_initializer()
    return {"graph": g, "X": X, "y": y, "w": w, "b": b, "prediction": prediction, "loss": loss,
            "train_op": train_op, "init": init}


def train(X: np.ndarray, y: np.ndarray, *, learning_rate: float = 0.05, epochs: int = 5, batch_size: int = 20,
          seed: int = 0) -> dict[str, Any]:
    n = len(X)
    m = build_model(X.shape[1], learning_rate)
    rng = np.random.default_rng(seed)
    with tf1.Session(graph=m["graph"]) as sess:
        sess.run(m["init"])
        for _ in range(epochs):
            sess.run(m["train_op"], feed_dict={m["X"]: X, m["y"]: y})
        w, b, loss = sess.run([m["w"], m["b"], m["loss"]], feed_dict={m["X"]: X, m["y"]: y})
    return {"w": w, "b": b, "loss": float(loss)}
