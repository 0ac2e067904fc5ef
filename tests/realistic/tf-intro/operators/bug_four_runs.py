"""One sess.run per result: four runs of the graph where one would do."""
import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1

KEYS = ("difference", "remainder", "either", "greater")


def open_session(graph):
    return tf1.Session(graph=graph)


def build_operators():
    g = tf.Graph()
    with g.as_default():
        a = tf1.placeholder(tf.float32, shape=(None,), name="a")
        b = tf1.placeholder(tf.float32, shape=(None,), name="b")
        p = tf1.placeholder(tf.bool, shape=(None,), name="p")
        q = tf1.placeholder(tf.bool, shape=(None,), name="q")
        nodes = {"difference": a - b, "remainder": a % b, "either": p | q, "greater": a > b}
    return {"graph": g, "a": a, "b": b, "p": p, "q": q, **nodes}


def evaluate_operators(a, b, p, q):
    n = build_operators()
    feed = {n["a"]: a, n["b"]: b, n["p"]: p, n["q"]: q}
    with tf1.Session(graph=n["graph"]) as sess:
        return {k: sess.run(n[k], feed_dict=feed) for k in KEYS}
