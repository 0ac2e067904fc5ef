"""cs231n-style config dict: keeps the hyper-parameters and a step counter in the state too."""
import numpy as np


def init_state(theta):
    return {"velocity": np.zeros_like(theta), "momentum": 0.9, "steps": 0}


def momentum_step(theta, grad, state, lr=0.01, momentum=0.9):
    config = dict(state)
    config["momentum"] = momentum
    config["learning_rate"] = lr
    next_v = config["momentum"] * config["velocity"] - config["learning_rate"] * grad
    config["velocity"] = next_v
    config["steps"] = config.get("steps", 0) + 1
    return theta + next_v, config
