from __future__ import annotations

import numpy as np
import pytest

from tutor.grading.checks import check_array


@pytest.mark.points(3)
@pytest.mark.title(en="Doubles a matrix", es="Duplica una matriz")
def test_double(submission, reference):
    x = np.arange(6.0).reshape(2, 3)
    check_array(submission.double(x), reference.double(x), what="double(x)")


@pytest.mark.points(1)
@pytest.mark.title(en="Doubles a scalar", es="Duplica un escalar")
def test_double_scalar(submission, reference, record):
    got = submission.double(21.0)
    if submission.has("probe"):
        record.metric("probe", submission.probe())
    assert got == reference.double(21.0)
