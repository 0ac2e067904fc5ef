import numpy as np
import tensorflow as tf
from tensorflow import keras


def loss_and_gradients(X, y, w, b):
    X = tf.convert_to_tensor(X, dtype=tf.float32)
    y = tf.convert_to_tensor(y, dtype=tf.float32)
    W = tf.Variable(w, dtype=tf.float32, name="W")
    B = tf.Variable(b, dtype=tf.float32, name="B")
    with tf.GradientTape() as tape:
        y_pred = X @ W + B
        mse = tf.reduce_mean((y_pred - y) ** 2)
    grads = tape.gradient(mse, [W, B])
    return mse.numpy(), grads[0].numpy(), grads[1].numpy()


def fit(X, y, *, learning_rate=0.05, epochs=5, batch_size=20, seed=0):
    n, d = X.shape
    W = tf.Variable(tf.zeros([d, 1]))
    B = tf.Variable(tf.zeros([1]))
    opt = keras.optimizers.SGD(learning_rate)

    @tf.function
    def step(xb, yb):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(tf.matmul(xb, W) + B - yb))
        dW, dB = tape.gradient(loss, [W, B])
        opt.apply_gradients([(dW, W), (dB, B)])
        return loss

    rng = np.random.default_rng(seed)
    X = X.astype("float32")
    y = y.astype("float32")
    for epoch in range(epochs):
        idx = rng.permutation(n)
        for i in range(0, n, batch_size):
            batch = idx[i:i + batch_size]
            step(X[batch], y[batch])
    final = tf.reduce_mean(tf.square(tf.matmul(X, W) + B - y))
    return {"w": W.numpy(), "b": B.numpy(), "loss": final.numpy()}
