"""The built-in course as a whole: every lesson loads, both languages are complete, references pass, starters fail."""
from __future__ import annotations

import re

import pytest

from tutor.core.course import load_course

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


def test_course_root_has_no_stray_files() -> None:
    from tutor.authoring.check import Checker
    from tutor.core.course import builtin_root

    findings = Checker(grade=False).run([], [builtin_root()])
    assert [f for f in findings if not f.ok] == []


@pytest.mark.slow
@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda l: l.slug)
def test_lesson_check_passes(lesson) -> None:
    """`tutor lesson check` on each built-in lesson: references pass 100%, starters fail, every misconception
    fails and is recognised, quiz keys valid, no stray files."""
    from tutor.authoring.check import Checker

    findings = Checker(workers=2).run([lesson], [lesson.root], whole_roots=False)
    failed = [(f.subject, f.check, f.detail) for f in findings if not f.ok]
    assert failed == []
    graded = {f.check for f in findings}
    assert "reference passes" in graded and "starter fails" in graded
