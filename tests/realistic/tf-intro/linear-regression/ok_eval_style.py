"""train_op.run() and tensor.eval() inside `with sess.as_default()`; a loss under a name scope; extra keys."""
import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1


def open_session(graph):
    return tf1.Session(graph=graph)


def build_model(n_features, learning_rate):
    g = tf.Graph()
    with g.as_default():
        X = tf1.placeholder(dtype=tf.float32, shape=(None, n_features), name="X")
        y = tf1.placeholder(dtype=tf.float32, shape=(None, 1), name="y")
        w = tf.Variable(np.zeros((n_features, 1), dtype=np.float32), name="w")
        b = tf.Variable(np.zeros(1, dtype=np.float32), name="b")
        with tf.name_scope("model"):
            prediction = tf.matmul(X, w) + b
        with tf.name_scope("loss"):
            loss = tf.reduce_mean(tf.math.squared_difference(prediction, y))
        optimizer = tf1.train.GradientDescentOptimizer(learning_rate)
        train_op = optimizer.minimize(loss, var_list=[w, b])
        init = tf1.global_variables_initializer()
    return {"graph": g, "X": X, "y": y, "w": w, "b": b, "prediction": prediction, "loss": loss,
            "train_op": train_op, "init": init, "optimizer": optimizer}


def train(X, y, *, learning_rate=0.05, epochs=5, batch_size=20, seed=0):
    model = build_model(X.shape[1], learning_rate)
    rng = np.random.default_rng(seed)
    sess = open_session(model["graph"])
    with sess.as_default():
        model["init"].run()
        for epoch in range(epochs):
            order = rng.permutation(X.shape[0])
            for i in range(0, X.shape[0], batch_size):
                rows = order[i:i + batch_size]
                model["train_op"].run(feed_dict={model["X"]: X[rows], model["y"]: y[rows]})
        result = {"w": model["w"].eval(), "b": model["b"].eval(),
                  "loss": model["loss"].eval(feed_dict={model["X"]: X, model["y"]: y})}
    sess.close()
    return result
