"""The grader helpers in tutor.grading.checks: exceptions judged by isinstance, float32 judged with float32's
room, and error wording that fits the comparison."""
from __future__ import annotations

import numpy as np
import pytest

from tutor.grading.checks import (check_array, error_band, expect_raises, raised_kind, tolerance_note,
                                  widened)
from tutor.grading.proxy import SubmissionError


def _raises(info: dict):
    def call():
        raise SubmissionError(info, "f()")
    return call


def test_a_subclass_named_in_the_workers_mro_counts_as_the_expected_exception() -> None:
    info = {"type": "BroadcastError", "mro": ["BroadcastError", "ValueError", "Exception", "BaseException",
                                             "object"], "message": "no"}
    expect_raises(_raises(info), "ValueError", what="f()")


def test_builtin_subclasses_are_recognised_without_the_workers_mro() -> None:
    # Only `type` arrives from an older worker; the builtin hierarchy is known on the trusted side.
    assert raised_kind({"type": "UnicodeDecodeError"}, "ValueError")
    assert raised_kind({"type": "ZeroDivisionError"}, "ArithmeticError")
    assert raised_kind({"type": "ValueError"}, "ValueError")
    expect_raises(_raises({"type": "ModuleNotFoundError", "message": ""}), "ImportError", what="f()")


def test_an_unrelated_or_unknown_exception_still_fails_and_names_what_was_raised() -> None:
    with pytest.raises(AssertionError, match="raised AssertionError: bad$"):
        expect_raises(_raises({"type": "AssertionError", "message": "bad"}), "ValueError", what="f()")
    with pytest.raises(AssertionError, match="raised NotImplementedError$"):  # no message: no dangling colon
        expect_raises(_raises({"type": "NotImplementedError", "message": ""}), "ValueError", what="f()")
    # A learner's own class without an mro cannot be placed: it is not taken for a ValueError.
    assert not raised_kind({"type": "ShapeError"}, "ValueError")
    assert not raised_kind({"type": "KeyError", "mro": ["KeyError", "LookupError", "Exception"]}, "ValueError")


def test_a_returned_value_where_an_exception_was_expected_fails() -> None:
    with pytest.raises(AssertionError, match="should raise ValueError"):
        expect_raises(lambda: (1, 2), "ValueError", what="f()")


def test_float32_results_get_float32s_tolerance_and_float64_results_do_not() -> None:
    want = np.array([0.1, -2.5e-3, 1.7])
    as32 = want.astype(np.float32)
    check_array(as32, want, what="x", rtol=1e-9, atol=0.0)  # float32 rounding alone: accepted
    with pytest.raises(AssertionError):
        check_array(as32.astype(np.float64), want, what="x", rtol=1e-9, atol=0.0)  # the same numbers in float64
    with pytest.raises(AssertionError):
        check_array((want * 1.001).astype(np.float32), want, what="x", rtol=1e-9, atol=0.0)  # a real difference
    assert widened(want, want, 1e-9, 0.0) == (1e-9, 0.0)


def test_the_default_wording_reads_the_distance_from_the_tolerance_not_relu_kinks() -> None:
    with pytest.raises(AssertionError) as info:
        check_array(np.array([1.0 + 3e-6]), np.array([1.0]), what="theta", rtol=1e-6, atol=0.0)
    assert "ReLU" not in str(info.value) and "tolerance" in str(info.value)
    assert "ReLU" in error_band(1e-6)  # the gradient-check reading is still there for gradient checks
    assert "formula" in tolerance_note(0.5, 1e-6)
    assert "3x the tolerance" in tolerance_note(3e-6, 1e-6)


def test_counts_in_grader_messages_agree_with_their_number_in_both_languages() -> None:
    from tutor.grading.checks import GRADE_LANG, counted

    token = GRADE_LANG.set("es")
    try:
        assert tolerance_note(1.2e-6, 1e-6).startswith("1 vez la tolerancia")
        assert tolerance_note(3e-6, 1e-6).startswith("3 veces la tolerancia")
        assert [counted(n, "epoch") for n in (0, 1, 2)] == ["0 épocas", "1 época", "2 épocas"]
    finally:
        GRADE_LANG.reset(token)
    assert [counted(n, "step") for n in (1, 2)] == ["1 step", "2 steps"]
    assert counted(1, "time") == "1 time"


def test_a_grader_can_choose_its_own_wording() -> None:
    with pytest.raises(AssertionError, match="moved elsewhere"):
        check_array(np.array([2.0]), np.array([1.0]), what="x", band=lambda rel: "moved elsewhere")
