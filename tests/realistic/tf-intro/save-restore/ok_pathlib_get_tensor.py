import os
from pathlib import Path

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")

import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1


def build_model(n_features):
    g = tf.Graph()
    with g.as_default():
        X = tf1.placeholder(tf.float32, shape=(None, n_features), name="X")
        y = tf1.placeholder(tf.float32, shape=(None, 1), name="y")
        prediction = tf.identity(tf1.layers.dense(X, 1, name="dense"), name="prediction")
        loss = tf.reduce_mean(tf.square(prediction - y), name="loss")
        train_op = tf1.train.AdamOptimizer(0.05).minimize(loss)
        init = tf1.global_variables_initializer()
    return {"graph": g, "X": X, "y": y, "prediction": prediction, "loss": loss, "train_op": train_op,
            "init": init}


def fit(sess, model, X, y, epochs=10, batch_size=20):
    rng = np.random.default_rng(0)
    for _ in range(epochs):
        order = rng.permutation(len(X))
        for start in range(0, len(X), batch_size):
            rows = order[start:start + batch_size]
            sess.run(model["train_op"], feed_dict={model["X"]: X[rows], model["y"]: y[rows]})


def train_and_save(X, y, directory):
    Path(directory).mkdir(parents=True, exist_ok=True)
    model = build_model(X.shape[1])
    with model["graph"].as_default():
        saver = tf1.train.Saver()
        with tf1.Session() as sess:
            sess.run(model["init"])
            fit(sess, model, X, y)
            preds = sess.run(model["prediction"], {model["X"]: X})
            path = saver.save(sess, str(Path(directory) / "model"))
    return {"prefix": path, "predictions": preds}


def restore_and_predict(prefix, X):
    graph = tf.Graph()
    with graph.as_default():
        saver = tf1.train.import_meta_graph(prefix + ".meta", clear_devices=True)
    with tf1.Session(graph=graph) as sess:
        saver.restore(sess, prefix)
        X_in = graph.get_tensor_by_name("X:0")
        out = graph.get_tensor_by_name("prediction:0")
        return sess.run(out, feed_dict={X_in: X})
