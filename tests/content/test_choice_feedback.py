"""Every wrong choice of every choice question says why it is wrong, in both languages, through `tutor quiz`."""
from __future__ import annotations

import pytest

from tutor.cli_quiz import answer
from tutor.core.course import load_course

CHOICE_QUESTIONS = [(lesson, q) for lesson in load_course().lessons if lesson.manifest
                    for q in lesson.manifest.quiz if q.choices is not None]


@pytest.mark.parametrize("lesson, q", CHOICE_QUESTIONS, ids=[f"{l.slug}/{q.id}" for l, q in CHOICE_QUESTIONS])
def test_each_wrong_choice_gets_its_own_feedback(lesson, q) -> None:
    assert q.feedback is not None, f"{lesson.slug}/{q.id}: add feedback.en and feedback.es, one entry per choice"
    right = {q.answer} if q.kind == "single" else set(q.answer)
    order = tuple(range(len(q.choices.en)))  # choices numbered as written
    seen: dict[str, set[str]] = {"en": set(), "es": set()}
    for i in sorted(set(order) - right):
        picked = str(i + 1) if q.kind == "single" else ", ".join(str(n + 1) for n in sorted(right | {i}))
        for lang in ("en", "es"):
            out = answer(q, picked, lang, order)
            assert out["correct"] is False
            aimed = q.feedback.get(lang)[i]
            assert aimed in out["feedback"] and not aimed.startswith(("Right", "Correcto")), (q.id, i, lang)
            seen[lang].add(aimed)
    # one reason per wrong choice, not one sentence for all of them
    assert len(seen["en"]) == len(seen["es"]) == len(set(order) - right)
