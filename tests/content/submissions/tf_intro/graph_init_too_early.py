"""A wrong tf-intro/graph submission: the initialiser is made before the variables exist, so it initialises nothing."""
from __future__ import annotations

from typing import Any

import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1


def open_session(graph: tf.Graph) -> tf1.Session:
    """Given, keep it as it is: a session that runs `graph`. The grader opens its own sessions with it."""
    return tf1.Session(graph=graph)


def _f(x: Any, y: Any) -> Any:
    # Python's * and + on tensors add Mul and AddV2 nodes; the scope prefixes their names with "f/".
    with tf.name_scope("f"):
        return x * x * y + y + 2


def build_with_variables(x0: float, y0: float) -> dict[str, Any]:
    g = tf.Graph()
    with g.as_default():
        init = tf1.global_variables_initializer()
        x = tf.Variable(x0, name="x", dtype=tf.float32)
        y = tf.Variable(y0, name="y", dtype=tf.float32)
        f = _f(x, y)
    return {"graph": g, "x": x, "y": y, "f": f, "init": init}


def evaluate_with_variables(x0: float, y0: float) -> float:
    parts = build_with_variables(x0, y0)
    with tf1.Session(graph=parts["graph"]) as sess:
        sess.run(parts["init"])
        return float(sess.run(parts["f"]))


def build_with_placeholders() -> dict[str, Any]:
    g = tf.Graph()
    with g.as_default():
        x = tf1.placeholder(tf.float32, shape=(None,), name="x")
        y = tf1.placeholder(tf.float32, shape=(None,), name="y")
        f = _f(x, y)
    return {"graph": g, "x": x, "y": y, "f": f}


def evaluate_with_placeholders(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    parts = build_with_placeholders()
    with tf1.Session(graph=parts["graph"]) as sess:
        return sess.run(parts["f"], feed_dict={parts["x"]: xs, parts["y"]: ys})
