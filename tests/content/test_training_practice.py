"""Lesson `training-practice`: the references do what the lesson says (cosine as Keras computes it, ln k, a batch
overfitted, a range test that turns, fair optimizer curves), the quiz keys are sound, the misconceptions are
recognised and the graders leave curves for the TUI."""
from __future__ import annotations

import importlib.util
import math
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from tutor.core.answers import check_answer
from tutor.core.course import load_course

ROOT = Path(__file__).resolve().parents[2]
SOLUTIONS = ROOT / "solutions" / "08-training-practice"
GRADERS = ROOT / "graders" / "08-training-practice"


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ref(stem: str) -> ModuleType:
    return _load(SOLUTIONS / f"{stem}.py", f"{stem}_reference")


def _problems() -> ModuleType:
    return _load(GRADERS / "_problems.py", "training_practice_problems")  # what the graders pose


def _lesson():
    lesson = load_course().lesson("training-practice")
    assert not lesson.broken, lesson.error
    return lesson


# --- cosine decay and warm-up ---------------------------------------------------------------------------

def test_cosine_examples_and_conventions() -> None:
    ref = _ref("warmup_cosine")
    # the starter's examples
    assert ref.cosine_decay(0.1, 10, 5) == pytest.approx(0.05)
    assert ref.cosine_decay(0.1, 10, 10) == pytest.approx(0.0, abs=1e-15)
    assert ref.cosine_decay(0.1, 10, 25) == pytest.approx(0.0, abs=1e-15)  # held, not rising again
    assert [ref.warmup_cosine(0.1, 4, 10, e) for e in (2, 4, 9)] == pytest.approx([0.05, 0.1, 0.05])
    epochs = np.arange(0, 200)
    rates = ref.cosine_decay(0.2, 100, epochs, final_ratio=0.1)
    assert rates[0] == pytest.approx(0.2) and np.all(np.diff(rates) <= 1e-15)  # never rises
    assert np.all(rates[100:] == pytest.approx(0.02))
    warm = ref.warmup_cosine(0.2, 10, 100, epochs)
    assert warm[0] == 0 and np.all(np.diff(warm[:11]) > 0) and warm[10] == pytest.approx(0.2)  # ramp, then alpha0
    assert np.shape(ref.warmup_cosine(0.1, 4, 10, 3)) == ()


@pytest.mark.slow
def test_cosine_equals_keras() -> None:
    import keras

    ref = _ref("warmup_cosine")
    steps = np.arange(0, 160)
    schedules = keras.optimizers.schedules
    f64 = np.float64
    for alpha0, decay, ratio in [(0.1, 100, 0.0), (0.01, 37, 0.2)]:
        keras_rates = keras.ops.convert_to_numpy(schedules.CosineDecay(f64(alpha0), decay, alpha=ratio)(steps))
        np.testing.assert_allclose(ref.cosine_decay(alpha0, decay, steps, ratio), keras_rates, rtol=1e-5, atol=1e-9)
        warm = schedules.CosineDecay(f64(0.0), decay, alpha=ratio, warmup_target=f64(alpha0), warmup_steps=8)
        keras_rates = np.array([float(keras.ops.convert_to_numpy(warm(int(s)))) for s in steps])  # a cond per step
        np.testing.assert_allclose(ref.warmup_cosine(alpha0, 8, decay, steps, ratio), keras_rates, rtol=1e-5,
                                   atol=1e-9)


# --- sanity checks ---------------------------------------------------------------------------------------

def test_initial_loss_is_ln_k_and_one_batch_is_overfitted() -> None:
    ref = _ref("sanity")
    assert ref.expected_initial_loss(10) == pytest.approx(math.log(10))
    rng = np.random.default_rng(0)
    small = rng.normal(scale=0.01, size=(256, 10))
    y = rng.integers(0, 10, size=256)
    assert ref.cross_entropy(small, y) == pytest.approx(math.log(10), abs=0.05)  # what the lesson promises
    assert ref.initial_loss_ok(small, y, 10) and not ref.initial_loss_ok(small * 500, y, 10)
    assert math.isfinite(ref.cross_entropy(np.array([[1000.0, 0.0]]), np.array([1])))
    x, labels = rng.normal(size=(16, 40)), rng.integers(0, 10, size=16)
    losses = ref.overfit_batch(x, labels, 10, 150, 0.5)
    assert losses[0] == pytest.approx(math.log(10)) and losses[-1] < 0.05  # zeros start at ln k, then memorised


# --- the range test --------------------------------------------------------------------------------------

def test_range_test_falls_then_blows_up_and_suggests_a_tenth() -> None:
    ref = _ref("lr_range")
    np.testing.assert_allclose(ref.lr_range(1e-3, 1e1, 5), [1e-3, 1e-2, 1e-1, 1.0, 10.0])
    np.testing.assert_allclose(ref.lr_range(1e-5, 1.0, 26), np.geomspace(1e-5, 1.0, 26))
    x, y = _problems().range_data()
    lrs = ref.lr_range(1e-3, 1e3, 61)
    losses = np.asarray(ref.range_test(x, y, 4, lrs))
    best = int(np.argmin(losses))
    assert 10 < best < 55  # the minimum is inside the sweep: flat, falling, then blowing up
    assert losses[0] == pytest.approx(math.log(4)) and losses[-1] > 5 * losses[0]
    assert ref.suggest_lr(lrs, list(losses)) == pytest.approx(lrs[best] / 10)
    assert ref.suggest_lr(np.array([0.1, 1.0]), [1.0, float("inf")]) == pytest.approx(0.01)


# --- comparing optimizers --------------------------------------------------------------------------------

def test_the_five_curves_start_together_and_differ() -> None:
    ref, problems = _ref("compare"), _problems()
    curves = problems.curves(ref)
    assert sorted(curves) == ["adagrad", "adam", "momentum", "nesterov", "rmsprop"]
    starts = {c[0] for c in curves.values()}
    assert len(starts) == 1 and all(len(c) == problems.STEPS + 1 for c in curves.values())
    reached = {name: ref.steps_to_reach(c, 1e-2) for name, c in curves.items()}
    assert len(set(reached.values())) >= 4  # the problem tells the optimizers apart
    assert ref.fastest(curves, 1e-2) == min(sorted(n for n in reached if reached[n] is not None), key=reached.get)
    assert ref.steps_to_reach([3.0, 2.0], 3.0) == 0 and ref.steps_to_reach([3.0], 1.0) is None
    assert ref.fastest({"b": [1.0, 0.0], "a": [1.0, 0.0]}, 0.5) == "a" and ref.fastest({"a": [1.0]}, 0.0) is None


# --- the quiz --------------------------------------------------------------------------------------------

def _questions() -> dict[str, Any]:
    return {q.id: q for q in _lesson().manifest.quiz}


def test_quiz_keys_are_what_the_references_compute() -> None:
    q = _questions()
    assert {"number", "expression", "single", "multiple"} <= {x.kind for x in q.values()}
    assert _ref("warmup_cosine").cosine_decay(0.1, 100, 50) == pytest.approx(q["cosine-midpoint"].answer)
    assert _ref("sanity").expected_initial_loss(10) == pytest.approx(q["initial-loss-10"].answer, abs=1e-6)
    for question in q.values():
        assert check_answer(question, question.answer).correct, question.id


ANSWERS = [
    ("cosine-midpoint", "0.05", True),
    ("cosine-midpoint", "1/20", True),
    ("cosine-midpoint", "0.1", False),
    ("initial-loss-10", "2.3026", True),
    ("initial-loss-10", "1", False),  # log10
    ("initial-loss-10", "0.1", False),  # the probability, not the loss
    ("initial-loss-formula", "-log(1/k)", True),
    ("initial-loss-formula", "log(k)/log(10)", False),
    ("initial-loss-formula", "1/k", False),
    ("fair-comparison", [2, 1, 0], True),
    ("fair-comparison", [0, 1, 2, 3], False),
]


@pytest.mark.parametrize("qid, given, ok", ANSWERS)
def test_answers(qid: str, given: Any, ok: bool) -> None:
    assert check_answer(_questions()[qid], given).correct is ok


def test_text_has_the_same_structure_in_both_languages() -> None:
    import re

    lesson = _lesson()
    en, es = (lesson.text_path(lang).read_text(encoding="utf-8") for lang in ("en", "es"))
    for pattern in (r"^## ", r"^\| ", r"\$\$", r"^- "):
        assert len(re.findall(pattern, en, re.M)) == len(re.findall(pattern, es, re.M)), pattern
    for text in (en, es):
        assert r"\ln 10 \approx 2.30" in text and "np.geomspace" in text and "warmup_target" in text


# --- graded: misconceptions recognised, curves for the TUI ---------------------------------------------

MISCONCEPTIONS = [("training-practice/warmup-cosine", "cosine-no-clamp"),
                  ("training-practice/warmup-cosine", "cosine-not-shifted"),
                  ("training-practice/sanity", "log10-expected"),
                  ("training-practice/lr-range", "linear-spacing"),
                  ("training-practice/lr-range", "lr-at-minimum"),
                  ("training-practice/compare", "no-initial-loss")]


@pytest.mark.slow  # grades the variant, then once per misconception: a few seconds each
@pytest.mark.parametrize("ident, misconception", MISCONCEPTIONS)
def test_misconception_is_recognised(ident: str, misconception: str) -> None:
    from tutor.grading.engine import grade

    exercise = load_course().exercise(ident)
    (m,) = [m for m in exercise.spec.misconceptions if m.id == misconception]
    result = grade(exercise, exercise.misconception_file(m))
    assert result.status == "failed"
    assert result.misconception is not None and result.misconception.id == misconception


def test_the_comparison_leaves_five_curves_for_the_tui() -> None:
    from tutor.grading.engine import grade
    from tutor.tui.widgets.series_plot import as_series

    exercise = load_course().exercise("training-practice/compare")
    result = grade(exercise, exercise.solution)
    assert result.passed, result.to_dict()
    series = as_series(result.artifacts["curves"])
    assert sorted(series) == ["adagrad", "adam", "momentum", "nesterov", "rmsprop"]
    assert all(len(points) == 61 for points in series.values())
