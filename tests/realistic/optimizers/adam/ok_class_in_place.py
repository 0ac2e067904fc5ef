"""An Adam class in the style of many tutorials: moments updated in place with +=, theta with -=."""
import numpy as np


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps

    def update(self, params, grads, state):
        state["t"] += 1
        state["m"] += (1 - self.beta1) * (grads - state["m"])
        state["v"] += (1 - self.beta2) * (grads ** 2 - state["v"])
        m_hat = state["m"] / (1 - self.beta1 ** state["t"])
        v_hat = state["v"] / (1 - self.beta2 ** state["t"])
        params -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
        return params


def init_state(theta):
    return {"m": np.zeros_like(theta), "v": np.zeros_like(theta), "t": 0}


def adam_step(theta, grad, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7):
    theta = Adam(lr, beta1, beta2, eps).update(theta, grad, state)
    return theta, state
