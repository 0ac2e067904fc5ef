"""Python's operators on tensors become TensorFlow operations: a - b, a % b, p | q and a > b, as graph nodes.

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


def build_operators() -> dict[str, Any]:
    """Build, in a NEW graph, four placeholders of shape (None,) and four element-wise operations on them.

    Placeholders: "a" and "b" (tf.float32), "p" and "q" (tf.bool), named so.
    Return {"graph": the graph, "a": a, "b": b, "p": p, "q": q,
            "difference": a minus b, as tf.subtract does it,
            "remainder": a modulo b with the sign of b, as Python's a % b does it,
            "either": p or q (true where at least one is true),
            "greater": a > b}.
    """
    # TODO: create the placeholders with tf1.placeholder(dtype, shape=(None,), name=...), then the four nodes,
    #       with TensorFlow functions (tf.subtract, ...) or with Python's operators (a - b, ...)
    raise NotImplementedError


def evaluate_operators(a: np.ndarray, b: np.ndarray, p: np.ndarray, q: np.ndarray) -> dict[str, np.ndarray]:
    """Run the four operations of build_operators() on these values in ONE call to sess.run.

    Return {"difference": ..., "remainder": ..., "either": ..., "greater": ...} with NumPy arrays.
    """
    # TODO: sess.run accepts a dict of fetches and returns a dict with the same keys
    raise NotImplementedError
