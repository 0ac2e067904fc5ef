"""np.einsum for the scores and the gradient, reshape(-1, 1) for the row statistics, a boolean one-hot."""
import numpy as np


def prepare(images):
    return images.reshape(images.shape[0], -1).astype(np.float64) / 255.0


def softmax(z):
    z = z - z.max(axis=1).reshape(-1, 1)
    e = np.exp(z)
    return e / e.sum(axis=1).reshape(-1, 1)


def cross_entropy(probs, y):
    picked = probs[range(len(y)), y]
    return -np.log(picked).mean()


def gradients(x, y, W, b):
    n, k = x.shape[0], W.shape[1]
    onehot = (y.reshape(-1, 1) == np.arange(k)).astype(float)
    delta = (softmax(np.einsum("nd,dk->nk", x, W) + b) - onehot) / n
    return np.einsum("nd,nk->dk", x, delta), delta.sum(0)


def train(x, y, lr=0.5, epochs=50, num_classes=10):
    params = {"W": np.zeros((x.shape[1], num_classes)), "b": np.zeros(num_classes), "epoch": 0}
    history = []
    for epoch in range(epochs):
        history.append(float(cross_entropy(softmax(x @ params["W"] + params["b"]), y)))
        dW, db = gradients(x, y, params["W"], params["b"])
        params["W"] = params["W"] - lr * dW
        params["b"] = params["b"] - lr * db
        params["epoch"] = epoch + 1
    return params["W"], params["b"], history


def predict(W, b, x):
    return np.argmax(np.einsum("nd,dk->nk", x, W) + b, axis=-1)
