"""The built-in course as a whole: every lesson loads, both languages are complete, references pass, starters fail."""
from __future__ import annotations

import re

import pytest

from tutor.core.course import load_course
from tutor.grading import grade
from tutor.grading.devices import plan_device
from tutor.grading.sandbox import ZygotePool, default_hidden

COURSE = load_course()
EXERCISES = COURSE.exercises


def test_no_built_in_lesson_is_broken() -> None:
    broken = [f"{l.slug}: {l.error}" for l in COURSE.lessons if l.broken]
    assert not broken
    assert len(COURSE.lessons) >= 1


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda l: l.slug)
def test_lesson_text_exists_in_both_languages(lesson) -> None:
    en, es = (lesson.text_path(lang).read_text(encoding="utf-8") for lang in ("en", "es"))
    assert len(en) > 500 and len(es) > 500
    # parallel texts: same number of sections and of display formulas
    assert len(re.findall(r"^#+ ", en, re.M)) == len(re.findall(r"^#+ ", es, re.M))
    assert en.count("$$") == es.count("$$")


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_exercise_files_follow_the_layout(exercise) -> None:
    starter = exercise.starter.read_text(encoding="utf-8")
    assert "TODO" in starter
    assert exercise.solution.is_file() and exercise.grader.is_file()
    for m in exercise.spec.misconceptions:
        assert exercise.misconception_file(m).is_file(), m.id


@pytest.fixture(scope="module")
def pool():
    pool = ZygotePool(default_hidden(COURSE.roots, None))
    yield pool
    pool.close()


@pytest.mark.slow
@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_reference_passes_and_starter_does_not(exercise, pool) -> None:
    reference = grade(exercise, exercise.solution, pool=pool, device="cpu", detect_misconceptions=False)
    assert reference.status == "passed", (reference.message, [(c.title, c.message) for c in reference.checks])
    assert reference.score == reference.max_score == exercise.spec.points
    starter = grade(exercise, exercise.starter, pool=pool, device="cpu", detect_misconceptions=False)
    assert starter.status != "passed" and starter.score < starter.max_score
