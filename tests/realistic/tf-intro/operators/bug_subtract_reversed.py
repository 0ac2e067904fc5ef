"""Follows the slides' table: tf.subtract 'subtracts a from b'."""
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
        difference = tf.subtract(b, a)
        remainder = tf.math.floormod(a, b)
        either = tf.logical_or(p, q)
        greater = tf.greater(a, b)
    return {"graph": g, "a": a, "b": b, "p": p, "q": q, "difference": difference, "remainder": remainder,
            "either": either, "greater": greater}


def evaluate_operators(a, b, p, q):
    n = build_operators()
    with tf1.Session(graph=n["graph"]) as sess:
        return sess.run({k: n[k] for k in ("difference", "remainder", "either", "greater")},
                        feed_dict={n["a"]: a, n["b"]: b, n["p"]: p, n["q"]: q})
