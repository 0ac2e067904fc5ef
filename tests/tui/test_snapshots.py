"""Snapshots of every screen on the fixed test course (baselines: pytest --snapshot-update).

At 80x24 first (a default terminal, most classroom machines), in English and Spanish; a few at 100x30 too,
where the exercise shows its instructions beside the editor. The workspace lives at a fixed path so that the
paths shown on screen are the same on every run.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import DataTable

from tests.tui.conftest import fixed_course, make_app, wait_for
from tutor.grading.result import CheckResult, GradeResult

SIZE = (100, 30)
SMALL = (80, 24)
WIDE = (120, 30)  # from 110 columns the exercise shows its instructions beside the editor
LANGS = pytest.mark.parametrize("lang", ["en", "es"])
# Whole screens rendered and compared, seconds each, on one fixed workspace path (so never two at once):
# `make test` runs them one after another; `make test-fast` leaves them out.
pytestmark = pytest.mark.slow
SEED = "learner-3"  # shows pick-one's right choice last and pick-many's second and third choices swapped


@pytest.fixture
def app_factory():
    root = Path("/tmp/tutor-snapshot-ws")  # fixed, not TMPDIR: the path is on screen in the snapshots
    shutil.rmtree(root, ignore_errors=True)

    def factory(lang: str = "en", **options):
        app = make_app(fixed_course(), root, lang, **options)
        app.store.set_state("learner-seed", SEED)  # the quiz choices' shuffled order, fixed for the pictures
        return app

    yield factory
    shutil.rmtree(root, ignore_errors=True)


async def _open(pilot, position: str) -> None:
    table = pilot.app.screen.query_one(DataTable)
    table.move_cursor(row=[r.key.value for r in table.ordered_rows].index(position))
    await pilot.press("enter")
    await pilot.pause(0.3)
    if position.startswith("lesson:"):  # the text loads in a worker thread after the first frame
        await wait_for(pilot, lambda: getattr(pilot.app.screen, "loaded", False))
        await pilot.pause(0.3)


async def _focused(pilot, kind: str) -> None:
    """Wait until a widget of this kind has the focus: keys typed before that would land elsewhere."""
    await wait_for(pilot, lambda: type(pilot.app.focused).__name__ == kind)


def _fake_result(passed: bool) -> GradeResult:
    # A fixed result: real grades carry durations and paths that differ run to run.
    check = CheckResult("double", "Doubles numbers", "passed" if passed else "failed", 10.0 if passed else 0.0,
                        10.0, "" if passed else "double(0.5) returned 0.5, expected 1.0",
                        "" if passed else '  File "double.py", line 2, in double\n    return x')
    return GradeResult("basics/double", "passed" if passed else "failed", 10.0 if passed else 0.0, 10.0, (check,),
                       artifacts={"trajectory": {"function": "line", "learner": [[0, 0], [1, 1.5], [2, 3.5]],
                                                 "reference": [[0, 0], [1, 2], [2, 4]]}},
                       duration_s=0.25, device="cpu", sandbox="bwrap")  # no sandbox warning in the picture


def test_course_map(snap_compare, app_factory):
    assert snap_compare(app_factory(), terminal_size=SIZE)


def test_course_map_in_spanish(snap_compare, app_factory):
    assert snap_compare(app_factory("es"), terminal_size=SIZE)


def test_lesson_reader(snap_compare, app_factory):
    async def run_before(pilot):
        await _open(pilot, "lesson:basics")

    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=run_before)


def test_quiz_after_a_right_answer(snap_compare, app_factory):
    async def run_before(pilot):
        await _open(pilot, "quiz:basics")
        screen = pilot.app.screen
        screen.query_one("OptionList").highlighted = screen.order(screen.question).index(screen.question.answer)
        await pilot.press("enter")
        await pilot.pause(0.2)

    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=run_before)


def test_quiz_number_question_after_a_wrong_answer(snap_compare, app_factory):
    async def run_before(pilot):
        await _open(pilot, "quiz:basics")
        await pilot.press("pagedown", "pagedown")
        await _focused(pilot, "Input")
        await pilot.press(*"0.5", "enter")
        await pilot.pause(0.2)

    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=run_before)


def test_exercise(snap_compare, app_factory):
    async def run_before(pilot):
        await _open(pilot, "exercise:basics/double")
        await pilot.press("ctrl+t")
        await pilot.pause(0.2)

    assert snap_compare(app_factory(), terminal_size=WIDE, run_before=run_before)


def test_exercise_with_a_failed_result_and_trajectory(snap_compare, app_factory):
    async def run_before(pilot):
        await _open(pilot, "exercise:basics/double")
        pilot.app.screen.query_one("#results").show_result(_fake_result(False))
        await pilot.pause(0.3)

    assert snap_compare(app_factory(), terminal_size=WIDE, run_before=run_before)


def test_exercise_while_training(snap_compare, app_factory):
    async def run_before(pilot):
        await _open(pilot, "exercise:basics/double")
        panel = pilot.app.screen.query_one("#results")
        panel.begin()
        panel.add_event({"kind": "check-started", "id": "fit", "title": "Trains to 90%"})
        for n, (loss, acc) in enumerate([(0.9, 0.7), (0.6, 0.82), (0.4, 0.88)], start=1):
            panel.add_event({"kind": "epoch", "epoch": n, "epochs": 4,
                             "metrics": {"loss": loss, "accuracy": acc, "val_loss": loss + 0.05,
                                         "val_accuracy": acc - 0.02}})
        await pilot.pause(0.3)

    assert snap_compare(app_factory(), terminal_size=WIDE, run_before=run_before)


def test_solution_diff(snap_compare, app_factory):
    async def run_before(pilot):
        from tutor.tui.screens.solution import SolutionScreen

        exercise = pilot.app.course.exercise("basics/double")
        mine = '"""Mine."""\nfrom __future__ import annotations\n\n\ndef double(x: float) -> float:\n    return x + x\n'
        await pilot.app.push_screen(SolutionScreen(exercise, mine))
        await pilot.pause(0.2)

    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=run_before)


def test_progress(snap_compare, app_factory):
    async def run_before(pilot):
        pilot.app.store.reveal_hint("basics/double", 0)
        await pilot.press("p")
        await pilot.pause(0.2)

    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=run_before)


def test_help(snap_compare, app_factory):
    async def run_before(pilot):
        await pilot.press("f1")
        await pilot.pause(0.2)

    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=run_before)


def test_help_light_theme(snap_compare, app_factory):
    async def run_before(pilot):
        await pilot.press("f1")
        await pilot.pause(0.1)
        await pilot.press("f3")
        await pilot.pause(0.2)

    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=run_before)


# --- 80x24, both languages: every screen ---------------------------------------------------------------

@LANGS
def test_small_welcome(snap_compare, app_factory, lang):
    assert snap_compare(app_factory(lang, welcome=True), terminal_size=SMALL)


@LANGS
def test_small_course_map(snap_compare, app_factory, lang):
    assert snap_compare(app_factory(lang), terminal_size=SMALL)


@LANGS
def test_small_lesson_end_with_contents(snap_compare, app_factory, lang):
    async def run_before(pilot):
        await _open(pilot, "lesson:basics")
        await pilot.press("end", "t")
        await pilot.pause(0.3)

    assert snap_compare(app_factory(lang), terminal_size=SMALL, run_before=run_before)


@LANGS
def test_small_quiz_multiple_choice(snap_compare, app_factory, lang):
    async def run_before(pilot):
        await _open(pilot, "quiz:basics")
        await pilot.press("pagedown")
        await _focused(pilot, "ChoiceList")
        await pilot.press("space")
        await pilot.pause(0.2)

    assert snap_compare(app_factory(lang), terminal_size=SMALL, run_before=run_before)


@LANGS
def test_small_quiz_summary(snap_compare, app_factory, lang):
    async def run_before(pilot):
        pilot.app.store.set_state("quiz-index:basics", "4")
        await _open(pilot, "quiz:basics")
        await _focused(pilot, "Input")
        await pilot.press(*"1/(1-beta)", "enter")
        await pilot.pause(0.2)
        await pilot.press("enter")
        await pilot.pause(0.3)

    assert snap_compare(app_factory(lang), terminal_size=SMALL, run_before=run_before)


@LANGS
def test_small_exercise_instructions_first(snap_compare, app_factory, lang):
    async def run_before(pilot):
        await _open(pilot, "exercise:basics/double")
        await pilot.press("ctrl+t")
        await pilot.pause(0.2)

    assert snap_compare(app_factory(lang), terminal_size=SMALL, run_before=run_before)


@LANGS
def test_small_exercise_editor_with_a_result(snap_compare, app_factory, lang):
    async def run_before(pilot):
        await _open(pilot, "exercise:basics/double")
        await pilot.press("ctrl+b")
        pilot.app.screen.query_one("#results").show_result(_fake_result(False))
        await pilot.pause(0.3)

    assert snap_compare(app_factory(lang), terminal_size=SMALL, run_before=run_before)


@LANGS
def test_small_save_dialog(snap_compare, app_factory, lang):
    async def run_before(pilot):
        await _open(pilot, "exercise:basics/double")
        await pilot.press("ctrl+b")
        await _focused(pilot, "CodeEditor")
        await pilot.press("x", "escape", "escape")
        await pilot.pause(0.3)

    assert snap_compare(app_factory(lang), terminal_size=SMALL, run_before=run_before)


@LANGS
def test_small_solution_diff(snap_compare, app_factory, lang):
    async def run_before(pilot):
        from tutor.tui.screens.solution import SolutionScreen

        exercise = pilot.app.course.exercise("basics/double")
        mine = '"""Mine."""\nfrom __future__ import annotations\n\n\ndef double(x: float) -> float:\n    return x + x\n'
        await pilot.app.push_screen(SolutionScreen(exercise, mine))
        await pilot.pause(0.2)

    assert snap_compare(app_factory(lang), terminal_size=SMALL, run_before=run_before)


@LANGS
def test_small_progress(snap_compare, app_factory, lang):
    async def run_before(pilot):
        pilot.app.store.reveal_hint("basics/double", 0)
        await pilot.press("p")
        await pilot.pause(0.2)

    assert snap_compare(app_factory(lang), terminal_size=SMALL, run_before=run_before)


@LANGS
def test_small_help(snap_compare, app_factory, lang):
    async def run_before(pilot):
        await pilot.press("f1")
        await pilot.pause(0.2)

    assert snap_compare(app_factory(lang), terminal_size=SMALL, run_before=run_before)
