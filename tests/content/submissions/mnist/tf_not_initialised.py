"""Wrong (mnist-tf): the variables are never initialised before training."""
from __future__ import annotations

import os
from typing import Any

import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1

N_INPUTS = 28 * 28
N_CLASSES = 10


def preprocess(images: np.ndarray) -> np.ndarray:
    return np.asarray(images).reshape(-1, N_INPUTS).astype(np.float32) / 255.0


def build_graph(n_hidden: int = 128, learning_rate: float = 0.001) -> dict[str, Any]:
    graph = tf.Graph()
    with graph.as_default():
        x = tf1.placeholder(tf.float32, shape=(None, N_INPUTS), name="x")
        y = tf1.placeholder(tf.int64, shape=(None,), name="y")
        hidden = tf1.layers.dense(x, n_hidden, activation=tf.nn.relu, name="hidden")
        logits = tf1.layers.dense(hidden, N_CLASSES, name="logits")
        # The fused op applies softmax itself: feed it raw scores, never softmax outputs.
        xent = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits)
        loss = tf.reduce_mean(xent, name="loss")
        train_op = tf1.train.AdamOptimizer(learning_rate).minimize(loss)
        init = tf1.global_variables_initializer()
        saver = tf1.train.Saver()
    return {"graph": graph, "x": x, "y": y, "logits": logits, "loss": loss, "train_op": train_op,
            "init": init, "saver": saver}


def train(model: dict[str, Any], images: np.ndarray, labels: np.ndarray, epochs: int, batch_size: int,
          checkpoint_dir: str) -> tuple[str, list[float]]:
    x_all, y_all = preprocess(images), np.asarray(labels, dtype=np.int64)
    rng = np.random.default_rng(0)
    losses: list[float] = []
    with tf1.Session(graph=model["graph"]) as session:
        pass  # forgot session.run(model["init"])
        for _ in range(epochs):
            order = rng.permutation(len(x_all))
            batch_losses = []
            for start in range(0, len(order), batch_size):
                batch = order[start:start + batch_size]
                _, value = session.run([model["train_op"], model["loss"]],
                                       feed_dict={model["x"]: x_all[batch], model["y"]: y_all[batch]})
                batch_losses.append(value)
            losses.append(float(np.mean(batch_losses)))
        prefix = model["saver"].save(session, os.path.join(checkpoint_dir, "model.ckpt"))
    return prefix, losses


def predict(model: dict[str, Any], checkpoint: str, images: np.ndarray) -> np.ndarray:
    with tf1.Session(graph=model["graph"]) as session:
        model["saver"].restore(session, checkpoint)
        logits = session.run(model["logits"], feed_dict={model["x"]: preprocess(images)})
    return np.argmax(logits, axis=1)
