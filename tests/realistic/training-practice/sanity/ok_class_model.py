import numpy as np


class SoftmaxRegression:
    def __init__(self, n_features, n_classes):
        self.W = np.zeros((n_features, n_classes))
        self.b = np.zeros(n_classes)

    def forward(self, x):
        return x @ self.W + self.b

    def loss(self, x, y):
        return cross_entropy(self.forward(x), y)

    def backward(self, x, y):
        z = self.forward(x)
        p = np.exp(z - np.max(z, axis=1, keepdims=True))
        p = p / np.sum(p, axis=1, keepdims=True)
        p[np.arange(len(y)), y] -= 1
        p /= len(y)
        return x.T @ p, np.sum(p, axis=0)

    def step(self, x, y, lr):
        dW, db = self.backward(x, y)
        self.W -= lr * dW
        self.b -= lr * db


def expected_initial_loss(num_classes):
    return float(np.log(num_classes))


def cross_entropy(logits, y):
    shifted = logits - np.max(logits, axis=1, keepdims=True)
    log_softmax = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    return -np.mean(log_softmax[range(len(y)), y])


def initial_loss_ok(logits, y, num_classes, tolerance=0.25):
    loss = cross_entropy(logits, y)
    expected = expected_initial_loss(num_classes)
    return expected - tolerance <= loss <= expected + tolerance


def overfit_batch(x, y, num_classes, steps, lr):
    model = SoftmaxRegression(x.shape[1], num_classes)
    losses = []
    for _ in range(steps):
        losses.append(model.loss(x, y))
        model.step(x, y, lr)
    return losses
