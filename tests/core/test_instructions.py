"""The starters' instructions in the learner's language: docstrings in English, instructions.es.toml in Spanish."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import write_lesson
from tutor.core.course import load_course
from tutor.core.instructions import instructions, untranslated

MANIFEST = """format = 1
title.en = "Scaling"
title.es = "Escalado"
summary.en = "s"
summary.es = "s"

[[exercise]]
id = "scale"
title.en = "Scale"
title.es = "Escalar"
hints.en = ["a", "b"]
hints.es = ["a", "b"]
"""

STARTER = '''"""Scale a vector."""


def scale(x, k):
    """Multiply x by k."""
    raise NotImplementedError


def norm(x):
    """The length of x."""
    raise NotImplementedError


def _helper():
    """Private: not an instruction."""
'''


def _course(tmp_path: Path, spanish: str | None) -> object:
    files = {"exercises/01-scaling/scale.py": STARTER}
    if spanish is not None:
        files["exercises/01-scaling/instructions.es.toml"] = spanish
    write_lesson(tmp_path, "01-scaling", MANIFEST, files)
    course = load_course([str(tmp_path)])
    return next(l for l in course.lessons if l.root == tmp_path.resolve())


def test_spanish_replaces_each_docstring_and_keeps_the_signatures(tmp_path: Path) -> None:
    lesson = _course(tmp_path, '[scale]\nmodule = "Escalar un vector."\n[scale.functions]\n'
                               'scale = "Multiplica x por k."\nnorm = "La longitud de x."\n')
    en, es = instructions(lesson.exercises[0], "en"), instructions(lesson.exercises[0], "es")
    assert en.summary == "Scale a vector." and es.summary == "Escalar un vector."
    assert [p.signature for p in en.parts] == [p.signature for p in es.parts] == ["def scale(x, k)", "def norm(x)"]
    assert [p.text for p in es.parts] == ["Multiplica x por k.", "La longitud de x."]
    assert untranslated(lesson) == []


def test_a_missing_or_stale_translation_is_reported_and_falls_back_to_english(tmp_path: Path) -> None:
    lesson = _course(tmp_path, '[scale.functions]\nscale = "Multiplica x por k."\nmagnitude = "Vieja."\n'
                               '[other]\nmodule = "x"\n')
    problems = untranslated(lesson)
    assert any("module" in p for p in problems)  # the module docstring has no Spanish
    assert any("functions.norm is missing" in p for p in problems)
    assert any("functions.magnitude has no docstring" in p for p in problems)  # a renamed function
    assert any("[other] is no exercise" in p for p in problems)
    es = instructions(lesson.exercises[0], "es")
    assert es.summary == "Scale a vector." and es.parts[1].text == "The length of x."  # shown, not lost


def test_no_spanish_file_means_every_piece_is_reported(tmp_path: Path) -> None:
    assert len(untranslated(_course(tmp_path, None))) == 3


@pytest.mark.parametrize("exercise", [e for e in load_course().exercises], ids=lambda e: e.id)
def test_every_built_in_starter_has_its_instructions_in_spanish(exercise) -> None:
    en, es = instructions(exercise, "en"), instructions(exercise, "es")
    assert es.summary and es.summary != en.summary
    for a, b in zip(en.parts, es.parts):
        assert a.signature == b.signature
        assert not a.text or (b.text and b.text != a.text), f"{exercise.id} {a.name}"


def test_the_exercise_screen_shows_the_instructions_in_the_learners_language() -> None:
    from tutor.tui.screens.exercise import instructions as screen_text

    exercise = load_course().exercise("tensors/broadcasting")
    assert "Lanza ValueError" in screen_text(exercise, "es") and "Raise ValueError" not in screen_text(exercise, "es")
    assert "Raise ValueError" in screen_text(exercise, "en")
