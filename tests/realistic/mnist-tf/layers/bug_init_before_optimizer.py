"""init created before the optimizer: Adam's own variables are left uninitialised; train() fails at once."""
import os

import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1


def preprocess(images):
    return images.reshape(-1, 784).astype(np.float32) / 255.0


def build_graph(n_hidden=128, learning_rate=0.001):
    graph = tf.Graph()
    with graph.as_default():
        x = tf1.placeholder(tf.float32, shape=(None, 784), name="x")
        y = tf1.placeholder(tf.int64, shape=(None,), name="y")
        hidden = tf1.layers.dense(x, n_hidden, activation=tf.nn.relu)
        logits = tf1.layers.dense(hidden, 10)
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
        init = tf1.global_variables_initializer()
        train_op = tf1.train.AdamOptimizer(learning_rate).minimize(loss)
        saver = tf1.train.Saver()
    return {"graph": graph, "x": x, "y": y, "logits": logits, "loss": loss, "train_op": train_op,
            "init": init, "saver": saver}


def train(model, images, labels, epochs, batch_size, checkpoint_dir):
    X, Y = preprocess(images), np.asarray(labels, np.int64)
    losses = []
    with tf1.Session(graph=model["graph"]) as sess:
        sess.run(model["init"])
        for _ in range(epochs):
            order = np.random.permutation(len(X))
            batch_losses = []
            for start in range(0, len(X), batch_size):
                rows = order[start:start + batch_size]
                _, l = sess.run([model["train_op"], model["loss"]], {model["x"]: X[rows], model["y"]: Y[rows]})
                batch_losses.append(l)
            losses.append(float(np.mean(batch_losses)))
        prefix = model["saver"].save(sess, os.path.join(checkpoint_dir, "model.ckpt"))
    return prefix, losses


def predict(model, checkpoint, images):
    with tf1.Session(graph=model["graph"]) as sess:
        model["saver"].restore(sess, checkpoint)
        return np.argmax(sess.run(model["logits"], {model["x"]: preprocess(images)}), axis=1)
