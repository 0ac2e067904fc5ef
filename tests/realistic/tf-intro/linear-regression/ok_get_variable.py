import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1


def open_session(graph):
    return tf1.Session(graph=graph)


def build_model(n_features, learning_rate):
    graph = tf.Graph()
    with graph.as_default():
        X = tf1.placeholder(tf.float32, [None, n_features], name="X")
        y = tf1.placeholder(tf.float32, [None, 1], name="y")
        w = tf1.get_variable("w", shape=[n_features, 1], initializer=tf1.zeros_initializer())
        b = tf1.get_variable("b", shape=[1], initializer=tf1.zeros_initializer())
        prediction = tf.add(tf.matmul(X, w), b, name="prediction")
        loss = tf1.losses.mean_squared_error(labels=y, predictions=prediction)
        optimizer = tf1.train.GradientDescentOptimizer(learning_rate=learning_rate)
        train_op = optimizer.minimize(loss)
        init = tf1.global_variables_initializer()
    return dict(graph=graph, X=X, y=y, w=w, b=b, prediction=prediction, loss=loss, train_op=train_op, init=init)


def train(X, y, *, learning_rate=0.05, epochs=5, batch_size=20, seed=0):
    model = build_model(X.shape[1], learning_rate)
    rng = np.random.default_rng(seed)
    n_batches = int(np.ceil(len(X) / batch_size))
    losses = []
    with open_session(model["graph"]) as sess:
        sess.run(model["init"])
        for epoch in range(epochs):
            indices = rng.permutation(len(X))
            for batch in range(n_batches):
                idx = indices[batch * batch_size:(batch + 1) * batch_size]
                _, batch_loss = sess.run([model["train_op"], model["loss"]],
                                         feed_dict={model["X"]: X[idx], model["y"]: y[idx]})
                losses.append(batch_loss)
        w_val, b_val = sess.run([model["w"], model["b"]])
        final_loss = sess.run(model["loss"], feed_dict={model["X"]: X, model["y"]: y})
    return {"w": w_val, "b": b_val, "loss": final_loss}
