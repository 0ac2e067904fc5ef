import keras
import numpy as np
import tensorflow as tf


def loss_and_gradients(X, y, w, b):
    w, b = tf.Variable(w), tf.Variable(b)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.square(tf.matmul(X, w) + b - y))
    dw, db = tape.gradient(loss, [w, b])
    return float(loss), dw.numpy(), db.numpy()


def fit(X, y, *, learning_rate=0.05, epochs=5, batch_size=20, seed=0):
    w = tf.Variable(tf.zeros((X.shape[1], 1)))
    b = tf.Variable(tf.zeros((1,)))
    opt = keras.optimizers.SGD(learning_rate=learning_rate)
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        order = rng.permutation(len(X))
        for s in range(0, len(X), batch_size):
            r = order[s:s + batch_size]
            with tf.GradientTape() as tape:
                loss = tf.reduce_sum(tf.square(tf.matmul(X[r], w) + b - y[r]))
            opt.apply_gradients(zip(tape.gradient(loss, [w, b]), [w, b]))
    loss = tf.reduce_sum(tf.square(tf.matmul(X, w) + b - y))
    return {"w": w.numpy(), "b": b.numpy(), "loss": float(loss)}
