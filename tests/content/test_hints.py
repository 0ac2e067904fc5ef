"""Hint ladders: every exercise climbs from the idea to the formula to the near-code step, in both languages,
and only the last rung may show a line of the reference solution."""
from __future__ import annotations

import pytest

from tutor.core.course import load_course
from tutor.core.hints import code_lines, shared_code_lines

EXERCISES = load_course().exercises


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_every_exercise_has_a_ladder_of_three_rungs_in_both_languages(exercise) -> None:
    for lang in ("en", "es"):
        hints = exercise.spec.hints.get(lang)
        assert len(hints) >= 3, f"{exercise.id} hints.{lang}: {len(hints)} rungs"
        assert all(len(h.strip()) > 20 for h in hints), f"{exercise.id} hints.{lang} has an empty rung"


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_only_the_last_rung_shows_a_line_of_the_reference(exercise) -> None:
    lines = code_lines(exercise.solution.read_text(encoding="utf-8"), exercise.starter.read_text(encoding="utf-8"))
    assert lines, "the reference has code lines to compare with"
    for lang in ("en", "es"):
        hints = exercise.spec.hints.get(lang)
        early = {f"{lang} rung {n + 1}": shared for n, hint in enumerate(hints[:-1])
                 if (shared := shared_code_lines(hint, lines))}
        assert early == {}, f"{exercise.id}: an early rung gives the reference's code away"


def test_the_comparison_catches_a_code_line_whatever_its_spacing() -> None:
    lines = code_lines("def f(x):\n    velocity = momentum * state['velocity'] - lr * grad  # why\n    return x\n")
    assert shared_code_lines("Write `velocity = momentum*state['velocity']-lr*grad` then", lines)
    assert not shared_code_lines("Shrink the velocity by momentum, then subtract the step.", lines)
