"""tf.math functions with keyword arguments; one run with a list of fetches, zipped into a dict."""
import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1

KEYS = ["difference", "remainder", "either", "greater"]


def open_session(graph):
    return tf1.Session(graph=graph)


def build_operators():
    graph = tf.Graph()
    with graph.as_default():
        a = tf1.placeholder(dtype=tf.float32, shape=[None], name="a")
        b = tf1.placeholder(dtype=tf.float32, shape=[None], name="b")
        p = tf1.placeholder(dtype=tf.bool, shape=[None], name="p")
        q = tf1.placeholder(dtype=tf.bool, shape=[None], name="q")
        nodes = [tf.subtract(x=a, y=b), tf.math.floormod(x=a, y=b), tf.math.logical_or(x=p, y=q),
                 tf.math.greater(x=a, y=b)]
    return dict(graph=graph, a=a, b=b, p=p, q=q, **dict(zip(KEYS, nodes)))


def evaluate_operators(a, b, p, q):
    parts = build_operators()
    sess = open_session(parts["graph"])
    values = sess.run([parts[k] for k in KEYS],
                      feed_dict={parts["a"]: a, parts["b"]: b, parts["p"]: p, parts["q"]: q})
    sess.close()
    return {k: v for k, v in zip(KEYS, values)}
