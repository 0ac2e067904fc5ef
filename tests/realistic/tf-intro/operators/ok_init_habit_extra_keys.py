"""Runs the (empty) initialiser out of habit before the one real run; returns the inputs too."""
import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1


def open_session(graph):
    return tf1.Session(graph=graph)


def build_operators():
    g = tf.Graph()
    with g.as_default():
        a = tf1.placeholder(tf.float32, (None,), name="a")
        b = tf1.placeholder(tf.float32, (None,), name="b")
        p = tf1.placeholder(tf.bool, (None,), name="p")
        q = tf1.placeholder(tf.bool, (None,), name="q")
        out = {
            "difference": tf.subtract(a, b, name="difference"),
            "remainder": tf.math.mod(a, b, name="remainder"),
            "either": tf.logical_or(p, q, name="either"),
            "greater": tf.greater(a, b, name="greater"),
        }
    out.update(graph=g, a=a, b=b, p=p, q=q)
    return out


def evaluate_operators(a, b, p, q):
    m = build_operators()
    with m["graph"].as_default(), tf1.Session() as sess:
        sess.run(tf1.global_variables_initializer())
        result = sess.run({k: m[k] for k in ("difference", "remainder", "either", "greater")},
                          feed_dict={m["a"]: a, m["b"]: b, m["p"]: p, m["q"]: q})
    result.update(a=a, b=b)
    return result
