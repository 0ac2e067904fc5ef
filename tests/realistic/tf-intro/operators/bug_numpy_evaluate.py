"""The graph is built; evaluate_operators computes the four results with NumPy instead of running it."""
import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1


def open_session(graph):
    return tf1.Session(graph=graph)


def build_operators():
    g = tf.Graph()
    with g.as_default():
        a = tf1.placeholder(tf.float32, shape=(None,), name="a")
        b = tf1.placeholder(tf.float32, shape=(None,), name="b")
        p = tf1.placeholder(tf.bool, shape=(None,), name="p")
        q = tf1.placeholder(tf.bool, shape=(None,), name="q")
        nodes = {"difference": tf.subtract(a, b), "remainder": tf.math.floormod(a, b),
                 "either": tf.logical_or(p, q), "greater": tf.greater(a, b)}
    return {"graph": g, "a": a, "b": b, "p": p, "q": q, **nodes}


def evaluate_operators(a, b, p, q):
    return {"difference": a - b, "remainder": np.mod(a, b), "either": np.logical_or(p, q), "greater": a > b}
