"""Adam: momentum (first moment) plus RMSProp (second moment), both corrected for starting at zero."""
from __future__ import annotations

from typing import Any

import numpy as np


def init_state(theta: np.ndarray) -> dict[str, Any]:
    """Return the state before the first step: {"m": zeros, "v": zeros, "t": 0}, both arrays shaped like theta
    and t the number of steps taken so far (a Python int)."""
    # TODO: two float arrays of zeros and the step counter
    raise NotImplementedError


def adam_step(theta: np.ndarray, grad: np.ndarray, state: dict[str, Any], lr: float = 0.001, beta1: float = 0.9,
              beta2: float = 0.999, eps: float = 1e-7) -> tuple[np.ndarray, dict[str, Any]]:
    """One step of Adam (Kingma & Ba, 2015), element-wise:

        t     <- t + 1
        m     <- beta1 * m + (1 - beta1) * grad
        v     <- beta2 * v + (1 - beta2) * grad**2
        m_hat <- m / (1 - beta1**t)
        v_hat <- v / (1 - beta2**t)
        theta <- theta - lr * m_hat / (sqrt(v_hat) + eps)

    Keep m and v (not m_hat, v_hat) in the state. Return (new_theta, {"m": m, "v": v, "t": t}).
    """
    # TODO: count the step, update both moments, correct their bias, take the step
    raise NotImplementedError
