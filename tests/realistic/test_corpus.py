"""Learner-style submissions graded through the real engine: each gets the verdict its folder's manifest declares.

Every `tests/realistic/<lesson-slug>/<exercise>/expected.toml` lists files written the way learners write them
(classes, closures, in-place updates, float32, extra state, other exception classes, other loop shapes) with the
status the grade must reach and the misconception it must name (none when the key is absent). Exercises whose
runtime is not NumPy are marked slow automatically.
"""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from tutor.core.course import load_course
from tutor.grading import grade
from tutor.grading.sandbox import ZygotePool, default_hidden

HERE = Path(__file__).resolve().parent
STATUSES = {"passed", "failed", "error", "timeout", "memory", "crashed"}


def _cases() -> list[Any]:
    course = load_course()
    params = []
    for manifest in sorted(HERE.glob("*/*/expected.toml")):
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
        folder = manifest.parent
        exercise_id = data.get("exercise") or f"{folder.parent.name}/{folder.name}"
        runtime = course.exercise(exercise_id).spec.runtime
        for case in data.get("case", []):
            marks = [] if runtime == "numpy" else [pytest.mark.slow]
            params.append(pytest.param(exercise_id, folder / case["file"], case, marks=marks,
                                       id=f"{exercise_id}/{case['file']}"))
    return params


CASES = _cases()


def test_the_corpus_covers_every_exercise_with_three_right_and_three_wrong() -> None:
    course = load_course()
    exercise_ids = {e.id for lesson in course.lessons if not lesson.broken for e in lesson.exercises}
    counts: dict[str, list[int]] = {}
    for param in CASES:
        exercise_id, _, case = param.values
        right, wrong = counts.setdefault(exercise_id, [0, 0])
        counts[exercise_id] = [right + (case["status"] == "passed"), wrong + (case["status"] != "passed")]
    thin = {e: counts.get(e, [0, 0]) for e in exercise_ids if min(counts.get(e, [0, 0])) < 3}
    assert not thin, f"exercises with fewer than 3 right or 3 wrong learner-style files: {thin}"


def test_every_manifest_names_existing_files_and_known_verdicts() -> None:
    course = load_course()
    for param in CASES:
        exercise_id, path, case = param.values
        assert path.is_file(), path
        assert case["status"] in STATUSES, (path, case["status"])
        known = {m.id for m in course.exercise(exercise_id).spec.misconceptions}
        assert case.get("misconception") is None or case["misconception"] in known, (path, case["misconception"])


@pytest.fixture(scope="module")
def course():
    return load_course()


@pytest.fixture(scope="module")
def pool(course):
    pool = ZygotePool(default_hidden(course.roots, None))
    yield pool
    pool.close()


@pytest.mark.parametrize(("exercise_id", "path", "case"), CASES)
def test_learner_style_submission_gets_its_verdict(course, pool, exercise_id: str, path: Path,
                                                   case: dict[str, Any]) -> None:
    result = grade(course.exercise(exercise_id), path, pool=pool, device="cpu")
    failed = [(c.id, c.message[:300]) for c in result.checks if c.status != "passed"]
    assert result.status == case["status"], (result.message, failed)
    named = result.misconception.id if result.misconception else None
    assert named == case.get("misconception"), (named, failed)
    if "failed" in case:  # exactly these checks do not pass: one mistake costs its own points
        assert sorted(c.id for c in result.checks if c.status != "passed") == sorted(case["failed"]), failed
    if result.status == "failed":
        # A failure always says why, in words.
        assert all(c.message for c in result.checks if c.status == "failed")
