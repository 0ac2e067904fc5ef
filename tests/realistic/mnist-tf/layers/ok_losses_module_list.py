"""tf1.losses.sparse_softmax_cross_entropy, labels as int32, np.random.permutation, labels returned as a list."""
import os

import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1


def preprocess(images):
    return images.reshape(-1, 784).astype(np.float32) / 255.0


def build_graph(n_hidden=128, learning_rate=0.001):
    graph = tf.Graph()
    with graph.as_default():
        x = tf1.placeholder(tf.float32, [None, 784], name="x")
        y = tf1.placeholder(tf.int32, [None], name="y")
        h = tf1.layers.dense(x, n_hidden, activation=tf.nn.relu, name="h1")
        logits = tf1.layers.dense(h, 10, name="out")
        loss = tf1.losses.sparse_softmax_cross_entropy(labels=y, logits=logits)
        train_op = tf1.train.AdamOptimizer(learning_rate=learning_rate).minimize(loss)
        init = tf1.global_variables_initializer()
        saver = tf1.train.Saver()
    return {"graph": graph, "x": x, "y": y, "logits": logits, "loss": loss, "train_op": train_op,
            "init": init, "saver": saver}


def train(model, images, labels, epochs, batch_size, checkpoint_dir):
    X = preprocess(images)
    Y = labels.astype(np.int32)
    epoch_losses = []
    with tf1.Session(graph=model["graph"]) as sess:
        sess.run(model["init"])
        for epoch in range(epochs):
            perm = np.random.permutation(len(X))
            total, count = 0.0, 0
            for i in range(0, len(X), batch_size):
                idx = perm[i:i + batch_size]
                _, l = sess.run([model["train_op"], model["loss"]], {model["x"]: X[idx], model["y"]: Y[idx]})
                total += l
                count += 1
            epoch_losses.append(total / count)
        path = model["saver"].save(sess, os.path.join(checkpoint_dir, "model.ckpt"))
    return path, epoch_losses


def predict(model, checkpoint, images):
    with tf1.Session(graph=model["graph"]) as sess:
        model["saver"].restore(sess, checkpoint)
        scores = sess.run(model["logits"], {model["x"]: preprocess(images)})
    return list(np.argmax(scores, axis=1))
