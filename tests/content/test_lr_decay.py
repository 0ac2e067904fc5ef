"""Lesson `lr-decay`: the reference schedules equal Keras's, follow the lesson's conventions (epochs from 0,
arrays element-wise, epoch 0 of k/sqrt), the quiz keys are sound, and every misconception is recognised."""
from __future__ import annotations

import importlib.util
import math
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from tutor.core.answers import check_answer
from tutor.core.course import load_course

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "solutions" / "03-lr-decay" / "schedules.py"
EPOCHS = np.arange(0, 150)


def _ref() -> ModuleType:
    spec = importlib.util.spec_from_file_location("schedules_reference", REFERENCE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _lesson():
    lesson = load_course().lesson("lr-decay")
    assert not lesson.broken, lesson.error
    return lesson


def _rel(got: Any, want: Any) -> float:
    got, want = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    return float(np.max(np.abs(got - want) / np.abs(want)))


# --- the reference against Keras ----------------------------------------------------------------------

@pytest.mark.slow
def test_reference_equals_keras_schedules() -> None:
    import keras

    schedules = keras.optimizers.schedules
    ref = _ref()

    def keras_values(schedule: Any) -> np.ndarray:
        values = keras.ops.convert_to_numpy(schedule(EPOCHS))
        # float64 hyper-parameters make Keras compute in float64. In float32, beta = 0.95 alone is off by
        # 1.3e-8, which 150 epochs of powers grow to 2e-6: Keras's rounding, not a different formula.
        assert values.dtype == np.float64
        return values

    f64 = np.float64
    for alpha0, decay in [(0.1, 0.1), (0.01, 0.5), (0.3, 0.01)]:
        want = keras_values(schedules.InverseTimeDecay(f64(alpha0), decay_steps=1, decay_rate=f64(decay)))
        assert _rel(ref.inverse_time(alpha0, decay, EPOCHS), want) <= 1e-6
    for alpha0, beta in [(0.1, 0.95), (0.01, 0.9), (0.3, 0.99)]:
        want = keras_values(schedules.ExponentialDecay(f64(alpha0), decay_steps=1, decay_rate=f64(beta)))
        assert _rel(ref.exponential(alpha0, beta, EPOCHS), want) <= 1e-6
    # Step decay is Keras's staircase exponential decay with decay_rate = 1/k and decay_steps = every.
    for alpha0, k, every in [(0.1, 2.0, 10), (0.05, 10.0, 30), (0.2, 3.0, 7)]:
        want = keras_values(schedules.ExponentialDecay(f64(alpha0), decay_steps=every, decay_rate=f64(1 / k),
                                                       staircase=True))
        assert _rel(ref.step(alpha0, k, every, EPOCHS), want) <= 1e-6


# --- the reference follows the lesson's conventions -----------------------------------------------------

def test_reference_conventions() -> None:
    ref = _ref()
    # epoch 0 is trained with alpha0 (k/sqrt: with alpha0 * k, the rate of epoch 1)
    assert ref.inverse_time(0.1, 0.5, 0) == pytest.approx(0.1)
    assert ref.exponential(0.1, 0.9, 0) == pytest.approx(0.1)
    assert ref.step(0.1, 2.0, 10, 0) == pytest.approx(0.1)
    assert ref.inverse_sqrt(0.1, 2.0, 0) == ref.inverse_sqrt(0.1, 2.0, 1) == pytest.approx(0.2)
    assert math.isfinite(ref.inverse_sqrt(0.1, 1.0, 0))
    # the slides' formulas, for epoch >= 1
    e = np.arange(1, 100)
    np.testing.assert_allclose(ref.inverse_sqrt(0.1, 1.5, e), 1.5 / np.sqrt(e) * 0.1, rtol=1e-12)
    # step decay: flat inside a block, divided by k at each multiple of `every`
    rates = ref.step(0.1, 2.0, 10, EPOCHS)
    assert np.all(rates[:10] == 0.1) and np.all(rates[10:20] == 0.05) and rates[25] == pytest.approx(0.025)
    np.testing.assert_allclose(rates[10::10] / rates[0:-10:10], 0.5)
    # arrays keep their shape, single epochs give single numbers
    grid = np.arange(12).reshape(3, 4)
    for rate in (ref.inverse_time(0.1, 0.1, grid), ref.exponential(0.1, 0.9, grid),
                 ref.inverse_sqrt(0.1, 1.0, grid), ref.step(0.1, 2.0, 3, grid)):
        assert rate.shape == (3, 4)
    assert np.shape(ref.step(0.1, 2.0, 3, 7)) == ()
    # no integer overflow with many drops
    assert ref.step(1.0, 2, 1, np.array([100]))[0] == pytest.approx(2.0 ** -100)


def test_starter_examples_hold_for_the_reference() -> None:
    # The examples in the starter's docstrings are what the reference returns.
    ref = _ref()
    assert ref.inverse_time(0.1, 0.1, 10) == pytest.approx(0.05)
    assert ref.exponential(0.1, 0.5, 2) == pytest.approx(0.025)
    assert ref.inverse_sqrt(0.1, 1.0, 4) == pytest.approx(0.05)
    assert ref.inverse_sqrt(0.1, 1.0, 0) == pytest.approx(0.1)
    assert [ref.step(0.1, 2.0, 10, e) for e in (9, 10, 25)] == pytest.approx([0.1, 0.05, 0.025])


# --- the quiz ----------------------------------------------------------------------------------------

def _questions() -> dict[str, Any]:
    return {q.id: q for q in _lesson().manifest.quiz}


def test_quiz_is_complete() -> None:
    quiz = _lesson().manifest.quiz
    assert len(quiz) >= 5
    assert {"number", "expression"} <= {q.kind for q in quiz}
    for q in quiz:
        assert check_answer(q, q.answer).correct, q.id
        assert q.explanation.en.strip() and q.explanation.es.strip(), q.id


def test_number_keys_are_what_the_reference_computes() -> None:
    ref, q = _ref(), _questions()
    assert ref.inverse_time(0.1, 0.5, 10) == pytest.approx(q["inverse-time-value"].answer, abs=1e-6)
    assert ref.exponential(0.1, 0.9, 10) == pytest.approx(q["exponential-value"].answer, abs=1e-6)
    assert ref.step(0.1, 2.0, 10, 25) == pytest.approx(q["step-value"].answer)
    assert ref.inverse_time(1.0, 0.05, q["inverse-time-half"].answer) == pytest.approx(0.5)


# (question, answer a learner may type, accepted?)
ANSWERS = [
    ("exponential-formula", "alpha0*beta**epoch", True),
    ("exponential-formula", "beta^epoch * alpha0", True),
    ("exponential-formula", "alpha0*exp(epoch*log(beta))", True),
    ("exponential-formula", "beta^epoch", False),  # the slides' erratum
    ("exponential-formula", "alpha0*epoch^beta", False),
    ("inverse-sqrt-formula", "k*alpha0*epoch^(-1/2)", True),
    ("inverse-sqrt-formula", "alpha0*k/epoch", False),
    ("inverse-sqrt-formula", "alpha0*k*sqrt(epoch)", False),
    ("inverse-time-value", "0.0167", True),
    ("inverse-time-value", "0,016667", True),
    ("inverse-time-value", str(0.1 / (1 + 0.5 * 9)), False),  # off by one epoch
    ("exponential-value", "0.03487", True),
    ("exponential-value", str(0.9 ** 10), False),  # alpha0 forgotten
    ("step-value", "0.025", True),
    ("step-value", str(0.1 / 2 ** 2.5), False),  # no floor
    ("step-value", "0.0125", False),  # one drop too many
    ("slides-exponential-error", "1", True),
    ("slides-exponential-error", "0.01", False),
    ("inverse-time-half", "20", True),
    ("inverse-time-half", "10", False),
    ("starts-at-alpha0", [3, 1, 0], True),
    ("starts-at-alpha0", [0, 1, 2, 3], False),
    ("keras-step", 1, False),
]


@pytest.mark.parametrize("qid, given, ok", ANSWERS)
def test_answers(qid: str, given: Any, ok: bool) -> None:
    assert check_answer(_questions()[qid], given).correct is ok


# --- the text ------------------------------------------------------------------------------------------

def test_text_states_the_erratum_and_the_conventions() -> None:
    lesson = _lesson()
    en, es = (lesson.text_path(lang).read_text(encoding="utf-8") for lang in ("en", "es"))
    for pattern in (r"^## ", r"^```", r"^\| ", r"\$\$", r"^> "):
        assert len(re.findall(pattern, en, re.M)) == len(re.findall(pattern, es, re.M)), pattern
    assert "Erratum" in en and "Fe de erratas" in es
    for text in (en, es):
        assert r"\alpha_0 \cdot \beta^" in text
        assert r"\max(\text{" in text  # the epoch-0 convention of k/sqrt(epoch)
        assert "staircase=True" in text


# --- misconceptions: a learner who makes the mistake is told which one ---------------------------------

@pytest.mark.slow  # grades the variant, then up to once per misconception: a few seconds each
@pytest.mark.parametrize("misconception", ["exponential-without-alpha0", "inverse-sqrt-epoch-zero",
                                           "step-without-floor"])
def test_misconception_is_recognised(misconception: str) -> None:
    from tutor.grading.engine import grade

    exercise = load_course().exercise("lr-decay/schedules")
    (m,) = [m for m in exercise.spec.misconceptions if m.id == misconception]
    result = grade(exercise, exercise.misconception_file(m))
    assert result.status == "failed"
    assert result.misconception is not None and result.misconception.id == misconception
    # the curves are there for the TUI, learner and reference, for every schedule
    curves = result.artifacts["curves"]
    assert curves["epochs"][0] == 0
    for name in ("inverse_time", "exponential", "inverse_sqrt", "step"):
        entry = curves["schedules"][name]
        assert len(entry["reference"]) == len(entry["learner"]) == len(curves["epochs"])
