"""A learner in Spanish walks through every screen of the built-in tensors lesson and meets no English.

The editor (the starter's own English code) is left out: the exercise is looked at on its instructions pane,
where the task, the hints and the grade's verdict are the tutor's words.
"""
from __future__ import annotations

import pytest

from textual.widgets import OptionList

from tests.cli.test_spanish import english_in
from tests.tui.conftest import make_app, screen_text, tensors_course, wait_for
from tests.tui.test_flows import SIZE, goto
from tutor.tui.screens.course_map import CourseMapScreen
from tutor.tui.screens.exercise import ExerciseScreen
from tutor.tui.screens.help import HelpScreen
from tutor.tui.screens.lesson import LessonScreen
from tutor.tui.screens.progress import ProgressScreen
from tutor.tui.screens.quiz import QuizScreen
from tutor.tui.screens.welcome import WelcomeScreen
from tutor.tui.widgets.answer_input import ChoiceList


def _results_text(panel) -> str:
    """The grade's verdict and checks as a learner reads them, whatever part of the panel is scrolled into view."""
    import io

    from rich.console import Console

    console = Console(width=100, file=io.StringIO())
    for part in ("#verdict", "#result-body"):
        console.print(panel.query_one(part).content)
    return console.file.getvalue()


def _without_paths(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if "/" not in line or "tensors" not in line)


@pytest.mark.slow  # every screen, graded for real: seconds; `make test` runs it
async def test_a_spanish_learner_meets_no_english_on_any_screen(tmp_path):
    course = tensors_course()
    app = make_app(course, tmp_path / "ws", lang="es", welcome=True)
    seen: dict[str, str] = {}
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        seen["welcome"] = screen_text(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CourseMapScreen))
        seen["map"] = screen_text(app)

        await goto(pilot, "lesson:tensors")
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.loaded)
        await pilot.press("end")
        await pilot.pause(0.3)
        seen["lesson end"] = screen_text(app)
        await pilot.press("escape")

        await goto(pilot, "quiz:tensors")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen))
        quiz = app.screen
        await pilot.press(*"(10, n)", "enter")  # wrong, with feedback aimed at the mistake
        await pilot.pause()
        seen["quiz wrong"] = screen_text(app)
        await pilot.press("ctrl+r")
        await pilot.pause()
        seen["quiz answer shown"] = screen_text(app)
        while quiz.question.kind != "single":
            await pilot.press("pagedown")
            await pilot.pause()
        seen["quiz single"] = screen_text(app)
        quiz.query_one(OptionList).highlighted = quiz.order(quiz.question).index((quiz.question.answer + 1) % 2)
        await pilot.press("enter")
        await pilot.pause()
        seen["quiz single wrong"] = screen_text(app)
        while quiz.question.kind != "multiple":
            await pilot.press("pagedown")
            await pilot.pause()
        choices = quiz.query_one(ChoiceList)
        wrong = next(i for i in range(len(choices.choices)) if i not in quiz.question.answer)
        choices.highlighted = choices.order.index(wrong)
        await pilot.press("space", "enter")
        await pilot.pause()
        seen["quiz multiple wrong"] = screen_text(app)
        quiz.index = len(quiz.questions) - 1
        await quiz.action_next()  # the summary
        await pilot.pause()
        seen["quiz summary"] = screen_text(app)
        await pilot.press("escape")

        await goto(pilot, "exercise:tensors/broadcasting")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        await pilot.press("ctrl+s")  # grade the untouched starter
        await wait_for(pilot, lambda: app.store.attempts("tensors/broadcasting") != [], timeout=60)
        await pilot.pause(0.5)
        await pilot.press("ctrl+t")  # a hint
        await pilot.pause(0.3)
        seen["exercise notice"] = "\n".join(str(n.message) for n in app._notifications)
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        seen["help"] = screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        seen["grade"] = _results_text(app.screen.query_one("ResultsPanel"))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, CourseMapScreen))
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, ProgressScreen))
        seen["progress"] = screen_text(app)

    leaks = {name: english_in(_without_paths(text)) for name, text in seen.items()}
    assert {name: words for name, words in leaks.items() if words} == {}, seen
    # the screens were really seen, in Spanish
    assert "Los ejes 0 y 1 están intercambiados" in seen["quiz wrong"]
    assert "1 opción correcta" in seen["quiz multiple wrong"] or "opciones correctas" in seen["quiz multiple wrong"]
    assert "no aprobado" in seen["progress"]
