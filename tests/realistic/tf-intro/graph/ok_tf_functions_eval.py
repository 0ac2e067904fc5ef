"""tf.add / tf.multiply, tf1.get_variable, and init.run() / f.eval() in a `with` session."""
import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1


def open_session(graph):
    return tf1.Session(graph=graph)


def f_of(x, y):
    with tf.name_scope("f"):
        return tf.add(tf.add(tf.multiply(tf.multiply(x, x), y), y), 2.0)


def build_with_variables(x0, y0):
    graph = tf.Graph()
    with graph.as_default():
        x = tf1.get_variable("x", shape=(), dtype=tf.float32, initializer=tf1.constant_initializer(x0))
        y = tf1.get_variable("y", shape=(), dtype=tf.float32, initializer=tf1.constant_initializer(y0))
        f = f_of(x, y)
        init = tf1.global_variables_initializer()
    return {"graph": graph, "x": x, "y": y, "f": f, "init": init}


def evaluate_with_variables(x0, y0):
    parts = build_with_variables(x0, y0)
    with tf1.Session(graph=parts["graph"]):
        parts["init"].run()
        result = parts["f"].eval()
    return float(result)


def build_with_placeholders():
    graph = tf.Graph()
    with graph.as_default():
        x = tf1.placeholder(tf.float32, shape=(None,), name="x")
        y = tf1.placeholder(tf.float32, shape=(None,), name="y")
        f = f_of(x, y)
    return {"graph": graph, "x": x, "y": y, "f": f}


def evaluate_with_placeholders(xs, ys):
    parts = build_with_placeholders()
    with tf1.Session(graph=parts["graph"]):
        return parts["f"].eval(feed_dict={parts["x"]: xs, parts["y"]: ys})
