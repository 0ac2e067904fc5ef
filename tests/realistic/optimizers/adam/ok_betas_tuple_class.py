"""A tutorial-style AdamOptim class with betas as a tuple; the step function builds it from the arguments."""
import numpy as np


class AdamOptim:
    def __init__(self, lr, betas, eps):
        self.lr, self.betas, self.eps = lr, betas, eps

    def update(self, t, w, dw, m, v):
        b1, b2 = self.betas
        m = b1 * m + (1 - b1) * dw
        v = b2 * v + (1 - b2) * (dw ** 2)
        m_corr = m / (1 - b1 ** t)
        v_corr = v / (1 - b2 ** t)
        return w - self.lr * (m_corr / (np.sqrt(v_corr) + self.eps)), m, v


def init_state(theta):
    return dict(m=np.zeros(theta.shape), v=np.zeros(theta.shape), t=0)


def adam_step(theta, grad, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7):
    opt = AdamOptim(lr, (beta1, beta2), eps)
    t = int(state["t"]) + 1
    new_theta, m, v = opt.update(t, theta, grad, state["m"], state["v"])
    return new_theta, dict(m=m, v=v, t=t)
