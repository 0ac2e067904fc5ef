"""MNIST with TensorFlow's graph mode: tf.compat.v1.layers.dense, cross-entropy, Adam, mini-batches, a Saver.

The tutor runs this file with eager execution switched off (TensorFlow 1 style): building the graph computes
nothing; a Session runs it. `tf1` below is `tf.compat.v1`, the home of placeholders, sessions, Saver and
AdamOptimizer in TensorFlow 2.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1

N_INPUTS = 28 * 28  # a flattened image
N_CLASSES = 10


def preprocess(images: np.ndarray) -> np.ndarray:
    """Turn uint8 images of shape (n, 28, 28) with values 0..255 into float32 rows of shape (n, 784) in [0, 1]."""
    # TODO: reshape to (n, N_INPUTS), convert to float32 and scale by 1/255
    raise NotImplementedError


def build_graph(n_hidden: int = 128, learning_rate: float = 0.001) -> dict[str, Any]:
    """Build the classifier in a new tf.Graph and return its parts in a dict with these keys:

    "graph"     the tf.Graph holding everything below
    "x"         placeholder, float32, shape (None, 784): a mini-batch of preprocessed images
    "y"         placeholder for the labels (int64, shape (None,), values 0..9)
    "logits"    the raw scores, shape (None, 10): tf1.layers.dense(x, n_hidden, relu) then tf1.layers.dense(..., 10)
    "loss"      a scalar: the mean softmax cross-entropy between labels and logits
    "train_op"  one step of tf1.train.AdamOptimizer(learning_rate) on the loss
    "init"      tf1.global_variables_initializer(), created after the optimizer (Adam has variables too)
    "saver"     tf1.train.Saver(), created last, so that it saves every variable
    """
    # TODO: with graph.as_default(): placeholders, two dense layers, loss, train_op, init, saver
    raise NotImplementedError


def train(model: dict[str, Any], images: np.ndarray, labels: np.ndarray, epochs: int, batch_size: int,
          checkpoint_dir: str) -> tuple[str, list[float]]:
    """Train with mini-batches for `epochs` epochs, save a checkpoint and return (checkpoint, epoch_losses).

    images: uint8 (n, 28, 28); labels: int (n,). Open a Session on model["graph"], run model["init"] once, then
    each epoch shuffle the examples and run model["train_op"] on every mini-batch of `batch_size`, feeding both
    placeholders. epoch_losses[i] is the mean mini-batch loss of epoch i. Finally save with
    model["saver"].save(session, checkpoint_dir + "/model.ckpt") (the folder exists) and return the path that
    save() returns (the checkpoint prefix) along with the losses.
    """
    # TODO: Session, init, for each epoch: permutation, mini-batch loop with feed_dict; then saver.save
    raise NotImplementedError


def predict(model: dict[str, Any], checkpoint: str, images: np.ndarray) -> np.ndarray:
    """Restore the weights saved at `checkpoint` into a new Session and return the predicted labels, shape (n,).

    images: uint8 (n, 28, 28). Restoring sets every variable, so no initializer is needed here.
    """
    # TODO: Session on model["graph"], saver.restore(session, checkpoint), argmax of the logits
    raise NotImplementedError
