"""Misconception: Adam with eps inside the square root (RMSProp's placement in this lesson)."""
from __future__ import annotations

from typing import Any

import numpy as np


def init_state(theta: np.ndarray) -> dict[str, Any]:
    zeros = np.zeros_like(np.asarray(theta, dtype=np.float64))
    return {"m": zeros, "v": zeros.copy(), "t": 0}


def adam_step(theta: np.ndarray, grad: np.ndarray, state: dict[str, Any], lr: float = 0.001, beta1: float = 0.9,
              beta2: float = 0.999, eps: float = 1e-7) -> tuple[np.ndarray, dict[str, Any]]:
    t = int(state["t"]) + 1
    m = beta1 * state["m"] + (1 - beta1) * grad
    v = beta2 * state["v"] + (1 - beta2) * grad * grad
    m_hat = m / (1 - beta1 ** t)
    v_hat = v / (1 - beta2 ** t)
    return theta - lr * m_hat / np.sqrt(v_hat + eps), {"m": m, "v": v, "t": t}  # the mistake: sqrt(v_hat + eps)
