"""The cross-entropy written with tf.nn.log_softmax, named scopes, ceil-division batches."""
import math
import os

import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1


def preprocess(images):
    return (images.astype(np.float32) / 255.0).reshape(len(images), -1)


def build_graph(n_hidden=128, learning_rate=0.001):
    graph = tf.Graph()
    with graph.as_default():
        x = tf1.placeholder(tf.float32, shape=(None, 784), name="images")
        y = tf1.placeholder(tf.int64, shape=(None,), name="labels")
        with tf1.variable_scope("mlp"):
            hidden = tf1.layers.dense(x, n_hidden, activation=tf.nn.relu, name="hidden")
            logits = tf1.layers.dense(hidden, 10, activation=None, name="logits")
        with tf.name_scope("loss"):
            log_probs = tf.nn.log_softmax(logits)
            picked = tf.reduce_sum(tf.one_hot(y, 10) * log_probs, axis=1)
            loss = -tf.reduce_mean(picked)
        train_op = tf1.train.AdamOptimizer(learning_rate).minimize(loss)
        init = tf1.global_variables_initializer()
        saver = tf1.train.Saver()
    return {"graph": graph, "x": x, "y": y, "logits": logits, "loss": loss, "train_op": train_op, "init": init,
            "saver": saver}


def train(model, images, labels, epochs, batch_size, checkpoint_dir):
    data, targets = preprocess(images), labels.astype(np.int64)
    n_batches = math.ceil(len(data) / batch_size)
    losses = []
    with tf1.Session(graph=model["graph"]) as session:
        session.run(model["init"])
        for epoch in range(epochs):
            order = np.random.permutation(len(data))
            data, targets = data[order], targets[order]
            running = 0.0
            for b in range(n_batches):
                sl = slice(b * batch_size, (b + 1) * batch_size)
                _, value = session.run((model["train_op"], model["loss"]),
                                       feed_dict={model["x"]: data[sl], model["y"]: targets[sl]})
                running += value
            losses.append(running / n_batches)
        prefix = model["saver"].save(session, os.path.join(checkpoint_dir, "mnist"))
    return prefix, losses


def predict(model, checkpoint, images):
    session = tf1.Session(graph=model["graph"])
    model["saver"].restore(session, checkpoint)
    logits = session.run(model["logits"], feed_dict={model["x"]: preprocess(images)})
    session.close()
    return logits.argmax(axis=1)
