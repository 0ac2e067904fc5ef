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
        difference = a - b
        remainder = a % b
        either = p | q
        greater = a > b
    return {"graph": g, "a": a, "b": b, "p": p, "q": q, "difference": difference, "remainder": remainder,
            "either": either, "greater": greater}


def evaluate_operators(a, b, p, q):
    ops = build_operators()
    fetches = {k: ops[k] for k in ("difference", "remainder", "either", "greater")}
    with tf1.Session(graph=ops["graph"]) as sess:
        return sess.run(fetches, feed_dict={ops["a"]: a, ops["b"]: b, ops["p"]: p, ops["q"]: q})
