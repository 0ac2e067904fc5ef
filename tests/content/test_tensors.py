"""Lesson `tensors`: the quiz keys accept the right answers and reject the usual wrong ones; the references
agree with NumPy and with each other; every misconception is recognised when a learner makes it."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from tutor.core.answers import check_answer
from tutor.core.course import load_course

ROOT = Path(__file__).resolve().parents[2]
SOLUTIONS = ROOT / "solutions" / "01-tensors"


def _lesson():
    lesson = load_course().lesson("tensors")
    assert not lesson.broken, lesson.error
    return lesson


def _questions() -> dict[str, Any]:
    return {q.id: q for q in _lesson().manifest.quiz}


def _module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the quiz ------------------------------------------------------------------------------------------

def test_quiz_is_complete() -> None:
    quiz = _lesson().manifest.quiz
    assert len(quiz) >= 12
    assert {q.kind for q in quiz} == {"single", "multiple", "number", "shape", "expression"}
    for q in quiz:  # every question explains itself in both languages
        assert q.explanation.en.strip() and q.explanation.es.strip(), q.id
    # the slides' three questions are there
    assert {"spreadsheet", "rgb-images", "rgb-video"} <= {q.id for q in quiz}


def test_every_answer_key_is_accepted() -> None:
    for q in _lesson().manifest.quiz:
        assert check_answer(q, q.answer).correct, q.id


# (question, answer a learner may type, accepted?)
ANSWERS = [
    ("spreadsheet", "(n, 10)", True),
    ("spreadsheet", "(samples, 10)", True),
    ("spreadsheet", "[m, 10]", True),
    ("spreadsheet", "(10, n)", False),
    ("spreadsheet", "(n, 10, 1)", False),
    ("rgb-images", "(batch, height, width, 3)", True),
    ("rgb-images", "(n, 3, h, w)", False),  # channels-first, but the question asks channels-last
    ("rgb-images", "(n, h, w)", False),
    ("rgb-images", "(n, h, w, 1)", False),
    ("rgb-images", "(h, w, 3)", False),  # one image, not a set
    ("rgb-images-channels-first", "(n, 3, h, w)", True),
    ("rgb-images-channels-first", "(n, h, w, 3)", False),
    ("rgb-video", "(n, f, h, w, 3)", True),
    ("rgb-video", "(samples, frames, height, width, 3)", True),
    ("rgb-video", "(n, h, w, 3)", False),
    ("rgb-video", "(n, f, 3, h, w)", False),
    ("rgb-video", "(n, 3, f, h, w)", False),
    ("mnist-shape", "(60000, 28, 28, 1)", True),
    ("mnist-shape", "(60000, 28, 28)", False),
    ("mnist-shape", "(60000, 1, 28, 28)", False),
    ("mnist-shape", "(n, 28, 28, 1)", False),
    ("sequences", 0, True),
    ("sequences", 1, False),
    ("axis-zero", 1, False),
    ("scalar-rank", "0", True),
    ("scalar-rank", "1", False),
    ("video-rank", "5", True),
    ("video-rank", "4", False),
    ("rank-three", [2, 1, 0], True),
    ("rank-three", [0, 1], False),
    ("rank-three", [0, 1, 2, 4], False),
    ("layout-conversion", 1, False),  # reshape
    ("layout-conversion", 2, False),  # swapaxes
    ("image-batch-size", "n*h*w*3", True),
    ("image-batch-size", "3 n h w", True),
    ("image-batch-size", "n*h*w", False),
    ("broadcast-bias", "(32, 10)", True),
    ("broadcast-bias", "(10, 32)", False),
    ("broadcast-bias", "(32,)", False),
    ("broadcast-compatible", [4, 2, 0], True),
    ("broadcast-compatible", [0, 1, 2, 4], False),
    ("broadcast-size", "336", True),
    ("broadcast-size", "48", False),
    ("broadcast-column-row", "(100, 100)", True),
    ("broadcast-column-row", "(100,)", False),
    ("broadcast-column-row", "(100, 1)", False),
]


@pytest.mark.parametrize("qid, given, ok", ANSWERS)
def test_answers(qid: str, given: Any, ok: bool) -> None:
    assert check_answer(_questions()[qid], given).correct is ok


def test_shape_keys_match_numpy() -> None:
    # The numeric answers are what NumPy itself computes.
    q = _questions()
    bias_key = tuple(int(d) for d in q["broadcast-bias"].answer.strip("()").split(","))
    assert np.broadcast_shapes((32, 10), (10,)) == bias_key
    assert int(np.prod(np.broadcast_shapes((8, 1, 6), (7, 1)))) == q["broadcast-size"].answer
    assert (np.zeros(100) - np.zeros((100, 1))).shape == (100, 100)


# --- the text ------------------------------------------------------------------------------------------

def test_both_languages_have_the_same_structure() -> None:
    lesson = _lesson()
    en, es = (lesson.text_path(lang).read_text(encoding="utf-8") for lang in ("en", "es"))
    for pattern in (r"^## ", r"^```", r"^\| ", r"\$\$"):
        assert len(re.findall(pattern, en, re.M)) == len(re.findall(pattern, es, re.M)), pattern
    for must in ("channels-last", "channels-first", "(n, h, w, 3)", "(n, 3, h, w)", "(8, 7, 6)"):
        assert must in en and must in es, must


# --- the references ------------------------------------------------------------------------------------

def test_broadcasting_reference_matches_numpy() -> None:
    ref = _module(SOLUTIONS / "broadcasting.py")
    rng = np.random.default_rng(0)
    for _ in range(500):
        a = tuple(int(d) for d in rng.integers(0, 4, size=rng.integers(0, 5)))
        b = tuple(int(d) for d in rng.integers(0, 4, size=rng.integers(0, 5)))
        try:
            want = np.broadcast_shapes(a, b)
        except ValueError:
            with pytest.raises(ValueError):
                ref.broadcast_shape(a, b)
        else:
            assert ref.broadcast_shape(a, b) == want


def test_layout_references_move_only_the_channel_axis() -> None:
    ref = _module(SOLUTIONS / "layouts.py")
    x = np.random.default_rng(1).standard_normal((2, 3, 5, 7))
    last = ref.to_channels_last(x)
    assert last.shape == (2, 5, 7, 3)
    assert last[1, 4, 6, 2] == x[1, 2, 4, 6]
    np.testing.assert_array_equal(ref.to_channels_first(last), x)
    v = np.random.default_rng(2).standard_normal((2, 4, 3, 5, 7))
    np.testing.assert_array_equal(ref.video_to_channels_last(v), np.moveaxis(v, 2, -1))
    np.testing.assert_array_equal(ref.video_to_channels_first(ref.video_to_channels_last(v)), v)


def test_describe_reference_agrees_with_layouts() -> None:
    describe = _module(SOLUTIONS / "describe.py").describe
    layouts = _module(SOLUTIONS / "layouts.py")
    assert describe("images", n=32, height=64, width=64, channels=3, layout="channels_last") == ((32, 64, 64, 3), 4)
    assert describe("scalar") == ((), 0)
    assert describe("vectors", n=100, features=10) == ((100, 10), 2)
    assert describe("sequences", n=365, timesteps=24, features=3) == ((365, 24, 3), 3)
    sizes = dict(n=2, height=5, width=7, channels=3)
    first, _ = describe("images", layout="channels_first", **sizes)
    last, _ = describe("images", **sizes)
    assert layouts.to_channels_last(np.zeros(first)).shape == last
    vfirst, rank = describe("videos", frames=4, layout="channels_first", **sizes)
    vlast, _ = describe("videos", frames=4, layout="channels_last", **sizes)
    assert rank == 5 and layouts.video_to_channels_last(np.zeros(vfirst)).shape == vlast
    with pytest.raises(ValueError):
        describe("images", layout="nhwc", **sizes)


# --- misconceptions: a learner who makes the mistake is told which one ---------------------------------

MISCONCEPTIONS = [
    ("tensors/layouts", "swap-height-width"),
    ("tensors/layouts", "reshape-not-transpose"),
    ("tensors/describe", "video-channels-before-frames"),
]


@pytest.mark.slow  # grades the variant, then up to once per misconception: a few seconds each
@pytest.mark.parametrize("exercise_id, misconception", MISCONCEPTIONS)
def test_misconception_is_recognised(exercise_id: str, misconception: str) -> None:
    from tutor.grading.engine import grade

    exercise = load_course().exercise(exercise_id)
    (m,) = [m for m in exercise.spec.misconceptions if m.id == misconception]
    result = grade(exercise, exercise.misconception_file(m))
    assert result.status == "failed"
    assert result.misconception is not None and result.misconception.id == misconception
    assert result.misconception.hint == m.hint.en
