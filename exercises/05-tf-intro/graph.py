"""A first dataflow graph: f(x, y) = x²·y + y + 2, built first and computed later, in a session.

TensorFlow 1 style through tf.compat.v1. Build every graph explicitly (`g = tf.Graph()` and
`with g.as_default():`), so the file works the same in graph mode (the tutor) and in a plain TF 2 shell.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1


def open_session(graph: tf.Graph) -> tf1.Session:
    """Given, keep it as it is: a session that runs `graph`. The grader opens its own sessions with it."""
    return tf1.Session(graph=graph)


def build_with_variables(x0: float, y0: float) -> dict[str, Any]:
    """Build f(x, y) = x*x*y + y + 2 in a NEW graph where x and y are variables that start at x0 and y0.

    Name the variables "x" and "y" (float32) and create the operations of f inside `tf.name_scope("f")`.
    Return {"graph": the graph, "x": x, "y": y, "f": f, "init": the node that initialises all variables}.
    Nothing is computed here: this only adds nodes to the graph.
    """
    # TODO: g = tf.Graph(); inside `with g.as_default():` create tf.Variable(x0, name="x", dtype=tf.float32), the
    #       same for y, then f under tf.name_scope("f"), then init = tf1.global_variables_initializer()
    raise NotImplementedError


def evaluate_with_variables(x0: float, y0: float) -> float:
    """Build the graph with build_with_variables(x0, y0), run it in a session and return f as a Python float."""
    # TODO: open a session on the graph, run the initialiser, then fetch f
    raise NotImplementedError


def build_with_placeholders() -> dict[str, Any]:
    """Build f in a NEW graph where x and y are placeholders: float32, shape (None,), named "x" and "y".

    Create the operations of f inside `tf.name_scope("f")`. Return {"graph", "x", "y", "f"} as above.
    """
    # TODO: the same graph with tf1.placeholder(tf.float32, shape=(None,), name="x") and "y"
    raise NotImplementedError


def evaluate_with_placeholders(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """f at each point (xs[i], ys[i]): build the placeholder graph, feed xs and ys, return the NumPy array."""
    # TODO: sess.run(f, feed_dict={x: xs, y: ys}) returns a NumPy array
    raise NotImplementedError
