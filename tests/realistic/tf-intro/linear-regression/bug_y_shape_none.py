import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1


def open_session(graph):
    return tf1.Session(graph=graph)


def build_model(n_features, learning_rate):
    g = tf.Graph()
    with g.as_default():
        X = tf1.placeholder(tf.float32, shape=(None, n_features), name="X")
        y = tf1.placeholder(tf.float32, shape=(None,), name="y")
        w = tf.Variable(tf.zeros((n_features, 1)), name="w")
        b = tf.Variable(tf.zeros((1,)), name="b")
        prediction = tf.matmul(X, w) + b
        loss = tf.reduce_mean(tf.square(prediction - y))
        train_op = tf1.train.GradientDescentOptimizer(learning_rate).minimize(loss)
        init = tf1.global_variables_initializer()
    return {"graph": g, "X": X, "y": y, "w": w, "b": b, "prediction": prediction, "loss": loss,
            "train_op": train_op, "init": init}


def train(X, y, *, learning_rate=0.05, epochs=5, batch_size=20, seed=0):
    m = build_model(X.shape[1], learning_rate)
    y = y.ravel()
    rng = np.random.default_rng(seed)
    with tf1.Session(graph=m["graph"]) as sess:
        sess.run(m["init"])
        for _ in range(epochs):
            order = rng.permutation(len(X))
            for start in range(0, len(X), batch_size):
                rows = order[start:start + batch_size]
                sess.run(m["train_op"], feed_dict={m["X"]: X[rows], m["y"]: y[rows]})
        w, b, loss = sess.run([m["w"], m["b"], m["loss"]], feed_dict={m["X"]: X, m["y"]: y})
    return {"w": w, "b": b, "loss": float(loss)}
