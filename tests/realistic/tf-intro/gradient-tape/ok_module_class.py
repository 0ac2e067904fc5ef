"""A tf.Module that holds the parameters; the optimizer's minimize-like step written out."""
import numpy as np
import tensorflow as tf
import keras


class Linear(tf.Module):
    def __init__(self, w, b):
        super().__init__()
        self.w = tf.Variable(w, dtype=tf.float32, name="w")
        self.b = tf.Variable(b, dtype=tf.float32, name="b")

    def __call__(self, x):
        return tf.matmul(x, self.w) + self.b


def _loss(model, x, y):
    return tf.reduce_mean(tf.square(model(x) - y))


def loss_and_gradients(X, y, w, b):
    model = Linear(w, b)
    x, t = tf.constant(X, tf.float32), tf.constant(y, tf.float32)
    with tf.GradientTape() as tape:
        loss = _loss(model, x, t)
    gw, gb = tape.gradient(loss, (model.w, model.b))
    return (loss.numpy().item(), gw.numpy(), gb.numpy())


def fit(X, y, *, learning_rate=0.05, epochs=5, batch_size=20, seed=0):
    model = Linear(np.zeros((X.shape[1], 1), np.float32), np.zeros(1, np.float32))
    sgd = keras.optimizers.SGD(learning_rate=learning_rate)
    rng = np.random.default_rng(seed)
    x_all, y_all = tf.constant(X, tf.float32), tf.constant(y, tf.float32)
    for _ in range(epochs):
        order = rng.permutation(len(X))
        for start in range(0, len(X), batch_size):
            rows = tf.constant(order[start:start + batch_size])
            xb, yb = tf.gather(x_all, rows), tf.gather(y_all, rows)
            with tf.GradientTape() as tape:
                loss = _loss(model, xb, yb)
            sgd.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
    return {"w": model.w.numpy(), "b": model.b.numpy(), "loss": float(_loss(model, x_all, y_all))}
