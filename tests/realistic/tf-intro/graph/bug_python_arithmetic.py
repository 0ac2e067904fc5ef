"""The graphs are built as asked, but evaluating them is done in plain Python: the session is never used."""
import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1


def open_session(graph):
    return tf1.Session(graph=graph)


def build_with_variables(x0, y0):
    g = tf.Graph()
    with g.as_default():
        x = tf.Variable(x0, name="x", dtype=tf.float32)
        y = tf.Variable(y0, name="y", dtype=tf.float32)
        with tf.name_scope("f"):
            f = x * x * y + y + 2
        init = tf1.global_variables_initializer()
    return {"graph": g, "x": x, "y": y, "f": f, "init": init}


def evaluate_with_variables(x0, y0):
    return x0 * x0 * y0 + y0 + 2


def build_with_placeholders():
    g = tf.Graph()
    with g.as_default():
        x = tf1.placeholder(tf.float32, shape=(None,), name="x")
        y = tf1.placeholder(tf.float32, shape=(None,), name="y")
        with tf.name_scope("f"):
            f = x * x * y + y + 2
    return {"graph": g, "x": x, "y": y, "f": f}


def evaluate_with_placeholders(xs, ys):
    return xs * xs * ys + ys + 2
