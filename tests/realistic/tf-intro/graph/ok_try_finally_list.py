"""A session closed in finally, tf.square, a positional feed_dict, and a list returned."""
import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1


def open_session(graph):
    return tf1.Session(graph=graph)


def build_with_variables(x0, y0):
    g = tf.Graph()
    with g.as_default():
        x = tf.Variable(initial_value=x0, dtype=tf.float32, name="x")
        y = tf.Variable(initial_value=y0, dtype=tf.float32, name="y")
        with tf.name_scope("f"):
            f = tf.square(x) * y + y + tf.constant(2.0)
        init = tf1.global_variables_initializer()
    return {"graph": g, "x": x, "y": y, "f": f, "init": init}


def evaluate_with_variables(x0, y0):
    model = build_with_variables(x0, y0)
    sess = open_session(model["graph"])
    try:
        sess.run(model["init"])
        value = sess.run(model["f"])
    finally:
        sess.close()
    return value.item()


def build_with_placeholders():
    g = tf.Graph()
    with g.as_default():
        x = tf1.placeholder(tf.float32, (None,), "x")
        y = tf1.placeholder(tf.float32, (None,), "y")
        with tf.name_scope("f"):
            f = tf.square(x) * y + y + tf.constant(2.0)
    return {"graph": g, "x": x, "y": y, "f": f}


def evaluate_with_placeholders(xs, ys):
    model = build_with_placeholders()
    sess = open_session(model["graph"])
    try:
        out = sess.run(model["f"], {model["x"]: xs, model["y"]: ys})
    finally:
        sess.close()
    return out.tolist()
