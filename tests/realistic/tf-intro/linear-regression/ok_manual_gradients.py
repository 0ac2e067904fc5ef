"""Hands-on-ML style: the gradients from tf.gradients and the update written as assign ops."""
import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1


def open_session(graph):
    return tf1.Session(graph=graph)


def build_model(n_features, learning_rate):
    g = tf.Graph()
    with g.as_default():
        X = tf1.placeholder(tf.float32, shape=(None, n_features), name="X")
        y = tf1.placeholder(tf.float32, shape=(None, 1), name="y")
        w = tf.Variable(tf.zeros([n_features, 1]), name="w")
        b = tf.Variable(tf.zeros([1]), name="b")
        prediction = tf.matmul(X, w) + b
        error = prediction - y
        loss = tf.reduce_mean(tf.square(error), name="mse")
        grad_w, grad_b = tf1.gradients(loss, [w, b])
        train_op = tf.group(tf1.assign(w, w - learning_rate * grad_w), tf1.assign(b, b - learning_rate * grad_b))
        init = tf1.global_variables_initializer()
    return {"graph": g, "X": X, "y": y, "w": w, "b": b, "prediction": prediction, "loss": loss,
            "train_op": train_op, "init": init}


def train(X, y, *, learning_rate=0.05, epochs=5, batch_size=20, seed=0):
    m = build_model(X.shape[1], learning_rate)
    rng = np.random.default_rng(seed)
    sess = open_session(m["graph"])
    try:
        sess.run(m["init"])
        for _ in range(epochs):
            perm = rng.permutation(len(X))
            Xs, ys = X[perm], y[perm]
            for start in range(0, len(X), batch_size):
                sess.run(m["train_op"], {m["X"]: Xs[start:start + batch_size], m["y"]: ys[start:start + batch_size]})
        w, b, loss = sess.run([m["w"], m["b"], m["loss"]], {m["X"]: X, m["y"]: y})
    finally:
        sess.close()
    return {"w": w.ravel(), "b": float(b[0]), "loss": float(loss)}
