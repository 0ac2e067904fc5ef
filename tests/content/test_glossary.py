"""docs/glossary.md holds across the course: one Spanish word per idea, enforced by `tutor lesson check`."""
from __future__ import annotations

import pytest

from tutor.core.course import load_course, load_lesson
from tutor.core.glossary import lesson_slips, slips

COURSE = load_course()


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda l: l.slug)
def test_the_spanish_text_of_every_lesson_follows_the_glossary(lesson) -> None:
    assert [str(s) for s in lesson_slips(lesson)] == []


def test_a_banned_word_is_named_with_its_line_and_the_preferred_word() -> None:
    text = "# Título\n\nTensorFlow es una librería; el API de Keras.\nUna tasa de 0,5 y 5.000 dígitos.\n"
    found = {(s.where, s.found, s.preferred.split(" ")[0]) for s in slips(text, "lesson.es.md")}
    assert ("lesson.es.md:3", "librería", "biblioteca") in found
    assert ("lesson.es.md:3", "el API", "la") in found
    assert {("lesson.es.md:4", "0,5"), ("lesson.es.md:4", "5.000")} <= {(w, f) for w, f, _ in found}


def test_code_and_math_are_not_prose() -> None:
    text = "Usa `np.array(x)` o np.array(x), y $f(0,5)$:\n\n```python\n# una librería\nx = 0,5\n```\n"
    assert list(slips(text, "lesson.es.md")) == []


def test_lesson_check_reports_a_slip_with_its_line(tmp_path) -> None:
    from tests.conftest import write_lesson
    from tutor.authoring.check import Checker

    write_lesson(tmp_path, "01-demo", """format = 1
title.en = "Demo"
title.es = "Demo"
summary.en = "A demo."
summary.es = "Una demostración."
""", {"exercises/01-demo/lesson.en.md": "# Demo\n", "exercises/01-demo/lesson.es.md": "# Demo\n\nUn bucle.\n"})
    lesson = load_lesson(tmp_path, "01-demo")
    findings = Checker(grade=False).run([lesson], [tmp_path], whole_roots=False)
    bad = [f.detail for f in findings if f.check == "glossary" and not f.ok]
    assert bad == ["lesson.es.md:3: 'bucle' → ciclo: see docs/glossary.md"]


def test_a_graders_spanish_messages_are_held_to_the_glossary(tmp_path) -> None:
    from tutor.core.glossary import code_slips

    grader = tmp_path / "test_demo.py"
    grader.write_text('@pytest.mark.title(en="A loop", es="Un bucle")\n'
                      'def test_demo():\n'
                      '    raise AssertionError(t(f"a small {x}", f"un término chico {x}; `chico` es código"))\n'
                      'label = pick(lang, "small", "chica")\n'
                      'english = t("small arrays", "arreglos pequeños")\n', encoding="utf-8")
    found = sorted((s.where, s.found) for s in code_slips(grader, "graders/01-demo/test_demo.py"))
    assert found == [("graders/01-demo/test_demo.py:1", "bucle"), ("graders/01-demo/test_demo.py:3", "chico"),
                     ("graders/01-demo/test_demo.py:4", "chica")]


def test_the_tutors_own_spanish_messages_follow_the_glossary() -> None:
    from pathlib import Path

    import tutor
    from tutor.core.glossary import code_slips

    package = Path(tutor.__file__).parent
    assert [str(s) for p in sorted(package.rglob("*.py")) for s in code_slips(p, str(p.relative_to(package)))] == []
