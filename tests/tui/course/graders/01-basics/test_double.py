"""Grader for basics/double."""
from __future__ import annotations

import pytest

from tutor.grading.checks import t


@pytest.mark.points(10)
@pytest.mark.title(en="Doubles numbers", es="Duplica números")
def test_double(submission, reference, record):
    for x in (0.5, -3.0, 7.25):
        got, want = submission.double(x), reference.double(x)
        assert got == want, t(f"double({x}) returned {got}, expected {want}", f"double({x}) devolvió {got}, se esperaba {want}")
    record.artifact("trajectory", {"function": "line", "learner": [[0, 0], [1, 2], [2, 4]],
                                   "reference": [[0, 0], [1, 2], [2, 4]]})
