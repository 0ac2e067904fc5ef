import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1


def open_session(graph):
    return tf1.Session(graph=graph)


def build_with_variables(x0, y0):
    g = tf.Graph()
    with g.as_default():
        x = tf.constant(x0, name="x", dtype=tf.float32)
        y = tf.constant(y0, name="y", dtype=tf.float32)
        with tf.name_scope("f"):
            f = x * x * y + y + 2
        init = tf1.global_variables_initializer()
    return {"graph": g, "x": x, "y": y, "f": f, "init": init}


def evaluate_with_variables(x0, y0):
    parts = build_with_variables(x0, y0)
    with tf1.Session(graph=parts["graph"]) as sess:
        sess.run(parts["init"])
        return float(sess.run(parts["f"]))


def build_with_placeholders():
    g = tf.Graph()
    with g.as_default():
        x = tf1.placeholder(tf.float32, shape=(None,), name="x")
        y = tf1.placeholder(tf.float32, shape=(None,), name="y")
        with tf.name_scope("f"):
            f = x * x * y + y + 2
    return {"graph": g, "x": x, "y": y, "f": f}


def evaluate_with_placeholders(xs, ys):
    parts = build_with_placeholders()
    with tf1.Session(graph=parts["graph"]) as sess:
        return sess.run(parts["f"], feed_dict={parts["x"]: xs, parts["y"]: ys})
