from __future__ import annotations


def fit_predict(x, y, x_new):
    """Fit a small classifier on (x, y) and return class probabilities for x_new."""
    # TODO
    raise NotImplementedError
