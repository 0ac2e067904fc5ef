"""Misconception: the remainder of truncated division (C's fmod, sign of a) instead of Python's % (sign of b)."""
from __future__ import annotations

from typing import Any

import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1

FETCHES = ("difference", "remainder", "either", "greater")


def open_session(graph: tf.Graph) -> tf1.Session:
    """Given, keep it as it is: a session that runs `graph`. The grader opens its own sessions with it."""
    return tf1.Session(graph=graph)


def build_operators() -> dict[str, Any]:
    g = tf.Graph()
    with g.as_default():
        a = tf1.placeholder(tf.float32, shape=(None,), name="a")
        b = tf1.placeholder(tf.float32, shape=(None,), name="b")
        p = tf1.placeholder(tf.bool, shape=(None,), name="p")
        q = tf1.placeholder(tf.bool, shape=(None,), name="q")
        nodes = {
            "difference": tf.subtract(a, b),  # a - b: the first argument minus the second
            "remainder": tf.truncatemod(a, b),  # wrong: the sign of a, not of b
            "either": tf.logical_or(p, q),  # p | q
            "greater": tf.greater(a, b),  # a > b
        }
    return {"graph": g, "a": a, "b": b, "p": p, "q": q, **nodes}


def evaluate_operators(a: np.ndarray, b: np.ndarray, p: np.ndarray, q: np.ndarray) -> dict[str, np.ndarray]:
    parts = build_operators()
    with tf1.Session(graph=parts["graph"]) as sess:
        return sess.run({k: parts[k] for k in FETCHES},
                        feed_dict={parts["a"]: a, parts["b"]: b, parts["p"]: p, parts["q"]: q})


# For the grader, which never imports TensorFlow: what the four nodes compute, in NumPy.
def expected_values(a: np.ndarray, b: np.ndarray, p: np.ndarray, q: np.ndarray) -> dict[str, np.ndarray]:
    return {"difference": a - b, "remainder": np.fmod(a, b), "either": p | q, "greater": a > b}
