"""One helper builds either graph; the initialiser made with variables_initializer; the session from the starter."""
import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1


def open_session(graph):
    return tf1.Session(graph=graph)


def _build(make_input):
    graph = tf.Graph()
    with graph.as_default():
        x, y = make_input("x"), make_input("y")
        with tf.name_scope("f"):
            f = x * x * y + y + 2
    return graph, x, y, f


def build_with_variables(x0, y0):
    values = {"x": x0, "y": y0}
    graph, x, y, f = _build(lambda name: tf.Variable(values[name], name=name, dtype=tf.float32))
    with graph.as_default():
        init = tf1.variables_initializer([x, y])
    return {"graph": graph, "x": x, "y": y, "f": f, "init": init}


def evaluate_with_variables(x0, y0):
    parts = build_with_variables(x0, y0)
    with open_session(parts["graph"]) as sess:
        sess.run(parts["init"])
        return float(sess.run(parts["f"]))


def build_with_placeholders():
    graph, x, y, f = _build(lambda name: tf1.placeholder(tf.float32, shape=(None,), name=name))
    return dict(graph=graph, x=x, y=y, f=f)


def evaluate_with_placeholders(xs, ys):
    parts = build_with_placeholders()
    with open_session(parts["graph"]) as sess:
        return sess.run(parts["f"], feed_dict={parts["x"]: np.asarray(xs, np.float32),
                                               parts["y"]: np.asarray(ys, np.float32)})
