"""Everything inside `with graph.as_default():` blocks, sessions opened without graph= in them."""
import os

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
    os.makedirs(directory, exist_ok=True)
    model = build_model(X.shape[1])
    with model["graph"].as_default():
        saver = tf1.train.Saver(var_list=tf1.global_variables())
        with tf1.Session() as session:
            session.run(model["init"])
            fit(session, model, X, y, epochs=10, batch_size=20)
            out = {"predictions": session.run(model["prediction"], feed_dict={model["X"]: X})}
            out["prefix"] = saver.save(session, os.path.join(directory, "model"), write_meta_graph=True)
    return out


def restore_and_predict(prefix, X):
    with tf.Graph().as_default() as g:
        saver = tf1.train.import_meta_graph(f"{prefix}.meta")
        with tf1.Session() as session:
            saver.restore(session, prefix)
            return session.run(g.get_tensor_by_name("prediction:0"), {g.get_tensor_by_name("X:0"): X})
