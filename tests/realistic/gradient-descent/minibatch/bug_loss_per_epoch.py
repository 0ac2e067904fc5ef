"""Records one loss per epoch (the mean of its mini-batch losses), not one per update."""
import numpy as np

def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def loss_and_gradients(x, y, W, b):
    n = len(y)
    p = softmax(x @ W + b)
    loss = float(-np.log(p[np.arange(n), y]).mean())
    p[np.arange(n), y] -= 1
    p /= n
    return loss, x.T @ p, p.sum(axis=0)


def predict(W, b, x):
    return np.argmax(x @ W + b, axis=1)


def minibatches(n, batch_size, rng):
    rng = np.random.default_rng(rng)
    order = rng.permutation(n)
    for start in range(0, n, batch_size):
        yield order[start:start + batch_size]


def train_minibatch(x, y, lr=0.5, epochs=5, batch_size=64, seed=0, num_classes=10, grad_fn=None):
    grad_fn = grad_fn or loss_and_gradients
    rng = np.random.default_rng(seed)
    W, b = np.zeros((x.shape[1], num_classes)), np.zeros(num_classes)
    history = []
    for _ in range(epochs):
        epoch_losses = []
        for idx in minibatches(len(x), batch_size, rng):
            loss, dW, db = grad_fn(x[idx], y[idx], W, b)
            epoch_losses.append(loss)
            W -= lr * dW
            b -= lr * db
        history.append(np.mean(epoch_losses))
    return W, b, history
