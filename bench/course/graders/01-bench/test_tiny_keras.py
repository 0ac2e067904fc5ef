from __future__ import annotations

import numpy as np
import pytest


@pytest.mark.points(1)
@pytest.mark.title(en="Learns a separable problem", es="Aprende un problema separable")
def test_fit(submission):
    rng = np.random.default_rng(0)
    centers = rng.normal(size=(10, 20)) * 4
    y = rng.integers(0, 10, 512)
    x = (centers[y] + rng.normal(size=(512, 20))).astype("float32")
    probs = submission.fit_predict(x[:400], y[:400], x[400:])
    assert probs.shape == (112, 10)
    assert float(np.mean(probs.argmax(1) == y[400:])) > 0.5
