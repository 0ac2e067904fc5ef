"""Pilot tests of the learner's flows, each on its own temporary workspace."""
from __future__ import annotations

import csv
import json
import sys

import pytest
from textual.widgets import DataTable, Input, OptionList

from tests.tui.conftest import make_app, screen_text, tensors_course, to_editor, wait_for
from tutor.tui.screens.course_map import CourseMapScreen
from tutor.tui.screens.exercise import ExerciseScreen
from tutor.tui.screens.lesson import LessonScreen
from tutor.tui.screens.quiz import QuizScreen
from tutor.tui.screens.solution import SolutionScreen
from tutor.tui.widgets.answer_input import ChoiceList
from tutor.tui.widgets.code_editor import CodeEditor
from tutor.tui.widgets.grade_runner import GradeRunner

SIZE = (100, 30)


async def goto(pilot, key: str) -> None:
    """Move the course map's cursor to a row and press enter, as a learner would."""
    table = pilot.app.screen.query_one(DataTable)
    keys = [row.key.value for row in table.ordered_rows]
    table.move_cursor(row=keys.index(key))
    await pilot.press("enter")
    await pilot.pause()


async def test_open_lesson_shows_math_as_unicode(course, tmp_path):
    app = make_app(course, tmp_path / "ws")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # the next thing to do is the first lesson, and the cursor starts on it
        assert isinstance(app.screen, CourseMapScreen)
        assert "→ 01 Basics" in screen_text(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen))
        await wait_for(pilot, lambda: "θᵢ := θᵢ - αgᵢ" in screen_text(app))  # the text loads after the frame
        text = screen_text(app)
        assert "α := ─────────────────" in text and "1 + decay · epoch" in text
        assert "m̂ₜ = mₜ/(1 - β₁ᵗ)" in text
        assert "$x$" in text  # code stays as written
        await pilot.press("end")  # read to the end
        await wait_for(pilot, lambda: "basics" in app.store.lessons_read())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CourseMapScreen)
        assert "✓ 01 Basics" in screen_text(app)


@pytest.mark.slow  # seconds of screens or of cold grades; `make test` runs it
async def test_quiz_right_and_wrong_for_every_kind(course, tmp_path):
    app = make_app(course, tmp_path / "ws")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await goto(pilot, "quiz:basics")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen))
        screen = app.screen

        # single: a wrong choice, then the right one, wherever this learner's order puts them
        options = screen.query_one(OptionList)
        assert options.has_focus
        order = screen.order(screen.question)
        options.highlighted = order.index(0)  # "Plain gradient descent"
        await pilot.press("enter")
        await pilot.pause()
        assert "✗ Not this choice" in screen_text(app)  # feedback aimed at the choice
        assert app.store.quiz_status("basics") == {"pick-one": False}
        await pilot.press("ctrl+r")  # the learner may ask for the answer
        await pilot.pause()
        assert "The answer: RMSProp" in screen_text(app)
        options.focus()
        options.highlighted = order.index(1)  # "RMSProp"
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "✓ Right!" in text and "RMSProp divides each step by √(S + ε)" in text
        assert app.store.quiz_status("basics")["pick-one"] is True

        # multiple: tick two choices with space
        await pilot.press("pagedown")
        await pilot.pause()
        choices = screen.query_one(ChoiceList)
        assert choices.has_focus
        for place in sorted(choices.order.index(i) for i in (0, 2)):  # "A matrix", "A batch of feature vectors"
            choices.highlighted = place
            await pilot.press("space")
        await pilot.press("enter")
        await pilot.pause()
        assert "✓ Right!" in screen_text(app)

        # number: unreadable is not wrong; a wrong value; then right with a decimal comma
        await pilot.press("pagedown")
        await pilot.pause()
        assert screen.query_one(Input).has_focus
        await pilot.press(*"abc", "enter")
        await pilot.pause()
        assert "I cannot read that answer" in screen_text(app)
        assert "first-step" not in app.store.quiz_status("basics")
        screen.query_one(Input).value = ""
        await pilot.press(*"2", "enter")
        await pilot.pause()
        assert "✗ The digits are right but the size is off by a factor of 10^1" in screen_text(app)
        screen.query_one(Input).value = ""
        await pilot.press(*"0,2", "enter")
        await pilot.pause()
        assert "✓ Right!" in screen_text(app)

        # shape: any name for the batch axis
        await pilot.press("pagedown")
        await pilot.pause()
        await pilot.press(*"(m, 28, 28)", "enter")
        await pilot.pause()
        assert "✓ Right!" in screen_text(app)

        # expression: checked with sympy, any equivalent form
        await pilot.press("pagedown")
        await pilot.pause()
        await pilot.press(*"1/(1-beta)", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "✓ Right!" in text and "all answered right" in text
        assert app.store.quiz_status("basics") == {q: True for q in
                                                   ("pick-one", "pick-many", "first-step", "images", "ema-sum")}


async def test_reveal_hints_one_at_a_time(course, tmp_path):
    app = make_app(course, tmp_path / "ws")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await goto(pilot, "exercise:basics/double")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        assert "Multiply by two." not in screen_text(app)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert "1 of 2. Multiply by two." in screen_text(app)
        assert "Return x * 2." not in screen_text(app)
        assert app.store.hints_revealed("basics/double") == 1
        await pilot.press("ctrl+t")
        await pilot.press("ctrl+t")  # past the last one: nothing more is recorded
        await pilot.pause()
        assert "2 of 2. Return x * 2." in screen_text(app)
        assert app.store.hints_revealed("basics/double") == 2


async def test_a_recognised_misconception_heads_the_hints_and_code_spans_lose_their_backticks(course, tmp_path):
    from tutor.core.progress import Attempt

    app = make_app(course, tmp_path / "ws")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.store.record_attempt(Attempt("basics/double", 0.0, "failed", 0.0, 10.0, 0.1, "cpu", ""),
                                 {"status": "failed", "misconception": {"id": "x", "hint": "You add `x` twice."}})
        await goto(pilot, "exercise:basics/double")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        await pilot.press("ctrl+b")  # with a grade recorded it opens on the editor; ctrl+b: the task
        await pilot.pause(0.2)
        text = screen_text(app)
        assert "About your last submission" in text and "You add x twice." in text
        assert text.index("About your last submission") < text.index("Hints")


async def test_submit_fails_then_passes_with_the_real_engine(tmp_path):
    course = tensors_course()
    app = make_app(course, tmp_path / "ws")
    exercise = course.exercise("tensors/broadcasting")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await goto(pilot, "exercise:tensors/broadcasting")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        await to_editor(pilot)
        screen = app.screen
        modules_before = set(sys.modules)
        await pilot.press("ctrl+s")  # the untouched starter
        await wait_for(pilot, lambda: app.store.attempts(exercise.id) != [], timeout=60)
        await wait_for(pilot, lambda: "✗ failed" in screen_text(app))
        assert "not implemented yet" in screen_text(app)
        assert app.store.attempts(exercise.id)[0].status == "failed"

        editor = screen.query_one(CodeEditor)
        editor.replace(exercise.solution.read_text(), (0, 0), editor.document.end)  # an edit, as typing is
        await pilot.pause()
        assert "● unsaved" in screen_text(app)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.store.passed(exercise.id), timeout=60)
        await wait_for(pilot, lambda: "✓ passed" in screen_text(app))
        text = screen_text(app)
        assert "10/10 points" in text and "saved" in text
        assert app.workspace.path_for(exercise).read_text() == exercise.solution.read_text()

        # grading happened in the engine's subprocesses: this process loaded no TensorFlow while grading
        # (other tests in the same run may have imported it before; only what appeared here counts)
        assert not {"tensorflow", "keras"} & (set(sys.modules) - modules_before)

        await pilot.press("f5")  # after a pass: the reference beside the learner's code
        await wait_for(pilot, lambda: isinstance(app.screen, SolutionScreen))
        text = screen_text(app)
        assert "your code" in text and "reference" in text and "def broadcast_shape" in text


async def test_watch_mode_grades_an_external_save(tmp_path):
    course = tensors_course()
    app = make_app(course, tmp_path / "ws", watch=True)
    exercise = course.exercise("tensors/broadcasting")
    path = app.workspace.path_for(exercise)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await goto(pilot, "exercise:tensors/broadcasting")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        await to_editor(pilot)
        assert "watch on" in screen_text(app)
        await pilot.pause(0.5)  # the watcher thread settles on the folder
        # another editor saves the file: the tutor reloads it and grades it
        path.write_text(exercise.solution.read_text())
        await wait_for(pilot, lambda: app.store.passed(exercise.id), timeout=60)
        await wait_for(pilot, lambda: "✓ passed" in screen_text(app))
        assert app.screen.query_one(CodeEditor).text == exercise.solution.read_text()


async def test_a_long_grade_can_be_cancelled(course, tmp_path):
    app = make_app(course, tmp_path / "ws")
    exercise = course.exercise("basics/double")
    app.workspace.path_for(exercise).write_text("def double(x):\n    while True:\n        pass\n")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await goto(pilot, "exercise:basics/double")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        await to_editor(pilot)
        await pilot.press("ctrl+s")
        runner = app.screen.query_one(GradeRunner)
        await wait_for(pilot, lambda: "grading" in screen_text(app))
        await pilot.pause(0.3)  # the loop is running in the sandbox by now
        assert runner.running and "esc Cancel" in screen_text(app)
        await pilot.press("escape")  # from inside the editor
        await wait_for(pilot, lambda: "Grading cancelled." in screen_text(app), timeout=30)
        assert app.store.attempts(exercise.id) == []  # a cancelled grade is not an attempt


async def test_training_progress_and_curves_from_epoch_events(course, tmp_path):
    app = make_app(course, tmp_path / "ws")
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        await goto(pilot, "exercise:basics/double")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        runner = app.screen.query_one(GradeRunner)
        app.screen.query_one("#results").begin()
        for n, (loss, acc) in enumerate([(0.9, 0.71), (0.5, 0.85), (0.3, 0.91)], start=1):
            runner.post_message(GradeRunner.Event({"kind": "epoch", "epoch": n, "epochs": 5,
                                                   "metrics": {"loss": loss, "accuracy": acc}}))
        await pilot.pause(0.3)
        text = screen_text(app)
        assert "epoch 3/5  loss 0.3000  accuracy 0.9100" in text
        assert "60%" in text  # the progress bar over the epochs
        assert "loss" in text and "accuracy" in text  # the two live plots' titles


async def test_switch_language_at_run_time(course, tmp_path):
    app = make_app(course, tmp_path / "ws")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "course map" in screen_text(app)
        await pilot.press("f2")
        await pilot.pause(0.2)
        text = screen_text(app)
        assert "mapa del curso" in text and "Siguiente" in text and "Fundamentos" in text
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen))
        await wait_for(pilot, lambda: "El descenso de gradiente actualiza" in screen_text(app))
        await pilot.press("f1")  # help switches too, with a button per language
        await pilot.pause(0.2)
        await pilot.click("#lang-en")
        await pilot.pause(0.2)
        assert "Help — keys, language, theme" in screen_text(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: "Gradient descent updates" in screen_text(app))


async def test_theme_switch_is_remembered(course, tmp_path):
    app = make_app(course, tmp_path / "ws")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        await pilot.press("f3")
        await pilot.pause()
        assert app.theme == "textual-light"
    again = make_app(course, tmp_path / "ws")
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "textual-light"


async def test_resume_after_restart(course, tmp_path):
    first = make_app(course, tmp_path / "ws")
    async with first.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await goto(pilot, "exercise:basics/double")
        await wait_for(pilot, lambda: isinstance(first.screen, ExerciseScreen))
        await pilot.press("ctrl+q")
    second = make_app(course, tmp_path / "ws")
    async with second.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = second.screen.query_one(DataTable)
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == "exercise:basics/double"
        assert "c continues where you left off: Double a number" in screen_text(second)
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(second.screen, ExerciseScreen))
        assert "Double a number" in screen_text(second)


async def test_reopening_an_exercise_shows_its_last_result(course, tmp_path):
    import time as _time

    from tutor.core.progress import Attempt
    from tutor.grading.result import CheckResult, GradeResult

    app = make_app(course, tmp_path / "ws")
    result = GradeResult(exercise="basics/double", status="failed", score=4.0, max_score=10.0,
                         checks=(CheckResult("doubles", "Doubles an array", "failed", 0.0, 6.0,
                                             "double(x): wrong shape (6,), expected (2, 3)"),))
    app.store.record_attempt(Attempt("basics/double", _time.time(), "failed", 4.0, 10.0, 0.3, "cpu", "x"),
                             result.to_dict())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await goto(pilot, "exercise:basics/double")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        await wait_for(pilot, lambda: "wrong shape (6,), expected (2, 3)" in screen_text(app))


async def test_broken_lessons_are_listed_with_their_error(course, tmp_path):
    app = make_app(course, tmp_path / "ws")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Lessons with errors (the others work)" in text
        assert "02 broken: exercises/02-broken/lesson.toml:11: exercise[0].hint: unknown key" in text
        assert "⚠ broken" in text


async def test_progress_screen_and_exports(course, tmp_path):
    app = make_app(course, tmp_path / "ws")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.store.reveal_hint("basics/double", 0)
        await pilot.press("p")
        await pilot.pause()
        text = screen_text(app)
        assert "Your progress" in text and "Double a number" in text and "1/2" in text
        await pilot.press("x", "j")
        await pilot.pause()
    rows = list(csv.DictReader((tmp_path / "ws" / "tutor-progress.csv").open()))
    assert [r["id"] for r in rows] == ["basics", "basics/double"]
    assert rows[1]["hints_used"] == "1"
    data = json.loads((tmp_path / "ws" / "tutor-progress.json").read_text())
    assert data[1]["id"] == "basics/double" and data[1]["attempts"] == 0


async def test_leaving_with_unsaved_changes_asks_first(course, tmp_path):
    app = make_app(course, tmp_path / "ws")
    exercise = course.exercise("basics/double")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await goto(pilot, "exercise:basics/double")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        await to_editor(pilot)
        await pilot.press(*"# mine", "enter")
        await pilot.press("escape", "escape")  # out of the editor, then back
        await pilot.pause()
        assert "Save your changes to double.py?" in screen_text(app)
        await pilot.click("#choice-save")
        await wait_for(pilot, lambda: isinstance(app.screen, CourseMapScreen))
        assert app.workspace.path_for(exercise).read_text().startswith("# mine\n")


async def test_lesson_contents_panel(course, tmp_path):
    app = make_app(course, tmp_path / "ws")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.loaded)
        await pilot.press("t")
        await pilot.pause(0.2)
        # the headings, in a panel on the left, without numerals
        text = screen_text(app)
        assert any(line.lstrip().startswith("Basics") for line in text.splitlines()), text
        assert "Ⅰ" not in text and "Ⅱ" not in text
