"""Grader for tensors/broadcasting: hundreds of random shape pairs, compared with np.broadcast_shapes."""
from __future__ import annotations

import numpy as np
import pytest

from tutor.grading.checks import t


@pytest.mark.points(2)
@pytest.mark.title(en="Slide example (8, 1, 6) and (7, 1)", es="Ejemplo (8, 1, 6) y (7, 1)")
def test_example(submission):
    got = submission.broadcast_shape((8, 1, 6), (7, 1))
    assert tuple(got) == (8, 7, 6), t(f"expected (8, 7, 6), got {got}", f"se esperaba (8, 7, 6), llegó {got}")


@pytest.mark.points(5)
@pytest.mark.title(en="Random compatible shapes", es="Formas compatibles al azar")
def test_random(submission):
    rng = np.random.default_rng(7)
    for _ in range(300):
        n = int(rng.integers(0, 5))
        full = tuple(int(x) for x in rng.integers(1, 5, size=n))
        a = tuple(1 if rng.random() < 0.3 else d for d in full[int(rng.integers(0, n + 1)):])
        b = tuple(1 if rng.random() < 0.3 else d for d in full[int(rng.integers(0, n + 1)):])
        want = np.broadcast_shapes(a, b)
        got = submission.broadcast_shape(a, b)
        assert isinstance(got, (tuple, list)) and tuple(got) == want, t(
            f"broadcast_shape({a}, {b}) returned {got}, expected {want}",
            f"broadcast_shape({a}, {b}) devolvió {got}, se esperaba {want}")


@pytest.mark.points(3)
@pytest.mark.title(en="Incompatible shapes raise ValueError", es="Formas incompatibles lanzan ValueError")
def test_incompatible(submission):
    for a, b in [((3,), (4,)), ((2, 1), (8, 4, 3)), ((5, 2), (2, 5))]:
        try:
            got = submission.broadcast_shape(a, b)
        except AssertionError as exc:
            assert "ValueError" in str(exc), t(f"broadcast_shape({a}, {b}) should raise ValueError; {exc}",
                                               f"broadcast_shape({a}, {b}) debe lanzar ValueError; {exc}")
        else:
            pytest.fail(t(f"broadcast_shape({a}, {b}) returned {got}; incompatible shapes must raise ValueError",
                          f"broadcast_shape({a}, {b}) devolvió {got}; formas incompatibles deben lanzar ValueError"))
