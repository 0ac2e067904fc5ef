"""One-hot labels inside the graph with softmax_cross_entropy_with_logits; tf.argmax in the graph for predict."""
import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1


def preprocess(images):
    images = np.asarray(images, dtype=np.float32)
    return np.reshape(images / 255.0, (images.shape[0], 28 * 28))


def build_graph(n_hidden=128, learning_rate=0.001):
    g = tf.Graph()
    with g.as_default():
        x = tf1.placeholder(tf.float32, shape=(None, 784), name="x")
        y = tf1.placeholder(tf.int64, shape=(None,), name="y")
        hidden = tf1.layers.dense(x, n_hidden, activation=tf.nn.relu)
        logits = tf1.layers.dense(hidden, 10)
        xent = tf.nn.softmax_cross_entropy_with_logits(labels=tf.one_hot(y, 10), logits=logits)
        loss = tf.reduce_mean(xent)
        optimizer = tf1.train.AdamOptimizer(learning_rate)
        train_op = optimizer.minimize(loss)
        init = tf1.global_variables_initializer()
        saver = tf1.train.Saver(max_to_keep=2)
    return dict(graph=g, x=x, y=y, logits=logits, loss=loss, train_op=train_op, init=init, saver=saver,
                prediction=tf.argmax(logits, axis=1))


def train(model, images, labels, epochs, batch_size, checkpoint_dir):
    x_all, y_all = preprocess(images), np.asarray(labels)
    history = []
    sess = tf1.Session(graph=model["graph"])
    sess.run(model["init"])
    rng = np.random.default_rng(1)
    for _ in range(epochs):
        order = rng.permutation(len(x_all))
        batch_losses = []
        for batch in np.array_split(order, int(np.ceil(len(order) / batch_size))):
            batch_losses.append(sess.run([model["train_op"], model["loss"]],
                                         feed_dict={model["x"]: x_all[batch], model["y"]: y_all[batch]})[1])
        history.append(float(np.mean(batch_losses)))
    checkpoint = model["saver"].save(sess, checkpoint_dir + "/model.ckpt")
    sess.close()
    return checkpoint, history


def predict(model, checkpoint, images):
    with tf1.Session(graph=model["graph"]) as sess:
        model["saver"].restore(sess, checkpoint)
        return sess.run(model["prediction"], feed_dict={model["x"]: preprocess(images)})
