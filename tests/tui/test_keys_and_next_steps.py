"""Keys that do what a newcomer expects, and a next step at the end of every page."""
from __future__ import annotations

import time

import pytest
from textual.widgets import Input

from tests.tui.conftest import make_app, screen_text, to_editor, wait_for
from tests.tui.test_flows import SIZE, goto
from tutor.core.progress import Attempt
from tutor.tui.screens.exercise import ExerciseScreen
from tutor.tui.screens.lesson import LessonScreen
from tutor.tui.screens.quiz import QuizScreen
from tutor.tui.widgets.answer_input import ChoiceList
from tutor.tui.widgets.code_editor import CodeEditor


async def open_quiz_at(pilot, app, index: int) -> QuizScreen:
    app.store.set_state("quiz-index:basics", str(index))
    await pilot.pause()
    await goto(pilot, "quiz:basics")
    await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen))
    await pilot.pause(0.2)
    return app.screen


async def test_enter_after_a_right_answer_checks_a_new_answer_before_moving_on(course, tmp_path):
    app = make_app(course, tmp_path / "ws")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_quiz_at(pilot, app, 2)  # the number question
        await pilot.press(*"0.2", "enter")
        await wait_for(pilot, lambda: "✓ Right! Enter goes on to the next question." in screen_text(app))
        assert screen.query_one(Input).has_focus  # the answer keeps the focus
        screen.query_one(Input).value = ""
        await pilot.press(*"0.3", "enter")  # a newly typed answer is checked, not thrown away
        await wait_for(pilot, lambda: "✗" in screen_text(app))
        assert screen.index == 2
        screen.query_one(Input).value = ""
        await pilot.press(*"0.2", "enter")
        await wait_for(pilot, lambda: "✓ Right!" in screen_text(app))
        await pilot.press("enter")  # the same right answer again: the next question
        await wait_for(pilot, lambda: screen.index == 3)


async def test_an_empty_answer_says_what_is_expected(course, tmp_path):
    app = make_app(course, tmp_path / "ws", lang="es")
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz_at(pilot, app, 2)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Escribe primero tu respuesta: un número" in screen_text(app))
        assert "first-step" not in app.store.quiz_status("basics")  # nothing recorded


async def test_multiple_choice_ticks_are_boxes_and_say_how(course, tmp_path):
    app = make_app(course, tmp_path / "ws")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_quiz_at(pilot, app, 1)
        text = screen_text(app)
        assert "space: tick" in text and "☐ A matrix" in text and "☑ A" not in text
        await pilot.press("enter")  # nothing ticked yet
        await wait_for(pilot, lambda: "Tick at least one choice with space" in screen_text(app))
        await pilot.press("space")  # the first choice shown, whichever this learner's order puts there
        choices = screen.query_one(ChoiceList)
        await wait_for(pilot, lambda: f"☑ {choices.choices[0]}" in screen_text(app))
        assert choices.selected == [choices.order[0]]  # the choice itself, not its place


async def test_the_quiz_ends_with_a_summary_and_the_next_step(course, tmp_path):
    app = make_app(course, tmp_path / "ws")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_quiz_at(pilot, app, 4)  # the last question
        await pilot.press(*"1/(1-beta)", "enter")
        await wait_for(pilot, lambda: "Enter shows your summary" in screen_text(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Quiz summary" in screen_text(app))
        text = screen_text(app)
        assert "1 of 5 answered right" in text and "Not answered: questions 1, 2, 3, 4" in text
        assert "Next: the exercise “Double a number”" in text
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        assert screen not in app.screen_stack


async def test_the_lesson_ends_with_next_the_quiz(course, tmp_path):
    app = make_app(course, tmp_path / "ws", lang="es")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.loaded)
        await pilot.press("end")
        await wait_for(pilot, lambda: "Siguiente: el cuestionario (5 preguntas) — pulsa n." in screen_text(app))


async def open_exercise(pilot, app) -> ExerciseScreen:
    await pilot.pause()
    await goto(pilot, "exercise:basics/double")
    await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen))
    await to_editor(pilot)
    return app.screen


@pytest.mark.slow  # seconds of screens or of cold grades; `make test` runs it
async def test_a_hint_revealed_with_the_instructions_hidden_is_shown(course, tmp_path):
    for size in ((120, 30), SIZE):  # wide: ctrl+b hides the pane beside the editor; narrow: the editor has it
        app = make_app(course, tmp_path / f"ws-{size[0]}")
        async with app.run_test(size=size) as pilot:
            await reveal_with_the_instructions_hidden(pilot, app, wide=size[0] >= 110)


async def reveal_with_the_instructions_hidden(pilot, app, wide: bool) -> None:
    await open_exercise(pilot, app)
    if wide:
        await pilot.press("ctrl+b")
    await wait_for(pilot, lambda: "Multiply by two." not in screen_text(app) and "Hints" not in screen_text(app))
    await pilot.press("ctrl+t")
    await wait_for(pilot, lambda: "1 of 2. Multiply by two." in screen_text(app))


@pytest.mark.slow  # seconds of screens or of cold grades; `make test` runs it
async def test_enter_keeps_the_indentation_and_ctrl_a_selects_all(course, tmp_path):
    app = make_app(course, tmp_path / "ws")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot, app)
        editor = screen.query_one(CodeEditor)
        editor.load_text("")
        await pilot.press(*"def f(x):", "enter", *"if x:", "enter", "x")
        assert editor.text == "def f(x):\n    if x:\n        x"
        await pilot.press("ctrl+a")
        assert editor.selected_text == editor.text


async def test_after_escape_leaves_the_editor_the_screen_says_how_to_get_back(course, tmp_path):
    app = make_app(course, tmp_path / "ws", lang="es")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot, app)
        assert "volver al editor" not in screen_text(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: "e: volver al editor" in screen_text(app))
        assert "e Editar" in screen_text(app)  # and in the footer
        await pilot.press("e")
        assert screen.query_one(CodeEditor).has_focus


async def test_f5_before_a_pass_says_why(course, tmp_path):
    app = make_app(course, tmp_path / "ws")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_exercise(pilot, app)
        await pilot.press("f5")
        await wait_for(pilot, lambda: "The solution opens once you pass." in screen_text(app))


@pytest.mark.slow  # seconds of screens or of cold grades; `make test` runs it
async def test_tries_are_counted_in_the_singular_and_plural(course, tmp_path):
    for lang, one, many in (("en", "1 try", "2 tries"), ("es", "1 intento", "2 intentos")):
        app = make_app(course, tmp_path / f"ws-{lang}", lang=lang)
        app.store.record_attempt(Attempt("basics/double", time.time(), "failed", 0.0, 10.0, 0.1, "cpu", "a"), {})
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert f"✗ {one}" in screen_text(app) and "1 tries" not in screen_text(app)
            await open_exercise(pilot, app)
            assert one in screen_text(app)
            app.store.record_attempt(Attempt("basics/double", time.time(), "failed", 0.0, 10.0, 0.1, "cpu", "b"), {})
            await pilot.press("escape", "escape")
            await wait_for(pilot, lambda: f"✗ {many}" in screen_text(app))


@pytest.mark.slow  # seconds of screens or of cold grades; `make test` runs it
async def test_a_long_lesson_shows_its_start_first_and_then_all_of_it(tmp_path):
    from tests.tui.conftest import tensors_course
    from tutor.tui.screens.lesson import lesson_text, split_for_first_frame

    course = tensors_course()
    document = lesson_text(course.lessons[0], "en")[0]
    head, tail = split_for_first_frame(document)
    assert head + tail == document and tail.startswith("## ")  # cut at a heading, nothing lost
    app = make_app(course, tmp_path / "ws")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.loaded)
        await pilot.press("end")
        await wait_for(pilot, lambda: "Next: the quiz" in screen_text(app))
        last_heading = [line for line in tail.splitlines() if line.startswith("## ")][-1][3:]
        await pilot.press("t")
        await wait_for(pilot, lambda: last_heading in screen_text(app))  # the contents list has all of it
