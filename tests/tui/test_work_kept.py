"""Nothing a learner typed is lost: outside writes are noticed in both watch modes, newer files are backed up
before a save replaces them, and every dialog's Enter is the safe choice."""
from __future__ import annotations

import pytest

from tests.tui.conftest import make_app, screen_text, to_editor, wait_for
from tests.tui.test_flows import SIZE, goto
from tutor.tui.screens.compare import CompareScreen
from tutor.tui.screens.confirm import ConfirmScreen
from tutor.tui.screens.course_map import CourseMapScreen
from tutor.tui.screens.exercise import ExerciseScreen
from tutor.tui.widgets.code_editor import CodeEditor

OUTSIDE = "def double(x):\n    return 2 * x  # from another editor\n"


def backups(app) -> dict[str, str]:
    folder = app.workspace.backups
    return {p.name: p.read_text() for p in folder.rglob("*.py")} if folder.exists() else {}


async def open_double(pilot, app):
    await pilot.pause()
    await goto(pilot, "exercise:basics/double")
    await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen))
    await to_editor(pilot)
    assert "watch off" in screen_text(app)
    return app.screen, app.workspace.path_for(app.course.exercise("basics/double"))


async def test_with_watch_off_a_clean_editor_reloads_an_outside_write(course, tmp_path):
    app = make_app(course, tmp_path / "ws")
    async with app.run_test(size=SIZE) as pilot:
        screen, path = await open_double(pilot, app)
        path.write_text(OUTSIDE)
        await wait_for(pilot, lambda: screen.query_one(CodeEditor).text == OUTSIDE)
        assert "saved" in screen_text(app)
        assert app.store.attempts("basics/double") == []  # watch off: reloaded, not graded


async def test_unsaved_edits_and_an_outside_write_ask_and_keep_mine_by_default(course, tmp_path):
    app = make_app(course, tmp_path / "ws")
    async with app.run_test(size=SIZE) as pilot:
        screen, path = await open_double(pilot, app)
        await pilot.press(*"# mine", "enter")
        mine = screen.query_one(CodeEditor).text
        path.write_text(OUTSIDE)
        await wait_for(pilot, lambda: "double.py changed on disk, and you have unsaved edits" in screen_text(app))
        await pilot.press("enter")  # the default: keep mine
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        assert screen.query_one(CodeEditor).text == mine
        await wait_for(pilot, lambda: "newer file on disk" in screen_text(app))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: path.read_text() == mine)
        # the outside version was not thrown away: it is in the workspace's backups
        assert list(backups(app).values()) == [OUTSIDE]


@pytest.mark.slow  # seconds of screens or of cold grades; `make test` runs it
async def test_take_the_files_version_with_the_arrow_keys_backs_up_mine(course, tmp_path):
    app = make_app(course, tmp_path / "ws")
    async with app.run_test(size=SIZE) as pilot:
        screen, path = await open_double(pilot, app)
        await pilot.press(*"# mine", "enter")
        mine = screen.query_one(CodeEditor).text
        path.write_text(OUTSIDE)
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("right", "enter")  # keep mine → take the file's
        await wait_for(pilot, lambda: screen.query_one(CodeEditor).text == OUTSIDE)
        assert list(backups(app).values()) == [mine]


@pytest.mark.slow  # seconds of screens or of cold grades; `make test` runs it
async def test_compare_shows_both_versions_then_asks_again(course, tmp_path):
    app = make_app(course, tmp_path / "ws")
    async with app.run_test(size=SIZE) as pilot:
        screen, path = await open_double(pilot, app)
        await pilot.press(*"# mine", "enter")
        path.write_text(OUTSIDE)
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("tab", "tab", "enter")  # tab moves too: → take the file's → compare
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen))
        await pilot.pause(0.2)
        text = screen_text(app)
        assert "# mine" in text and "# from another editor" in text and "on disk" in text
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("escape")  # escape is "keep mine" too
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        assert screen.query_one(CodeEditor).text.startswith("# mine")


async def test_saving_over_a_newer_file_keeps_a_backup_even_unnoticed(course, tmp_path):
    app = make_app(course, tmp_path / "ws")
    async with app.run_test(size=SIZE) as pilot:
        screen, path = await open_double(pilot, app)
        await pilot.press(*"# mine", "enter")
        path.write_text(OUTSIDE)
        await pilot.press("ctrl+s")  # before the once-a-second check has seen the write
        await pilot.pause(0.1)
        if isinstance(app.screen, ConfirmScreen):  # the check may have come first; keep mine, then save
            await pilot.press("enter")
            await pilot.pause(0.1)
            await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: path.read_text().startswith("# mine"))
        assert OUTSIDE in backups(app).values()


@pytest.mark.slow  # seconds of screens or of cold grades; `make test` runs it
async def test_leaving_with_unsaved_changes_enter_stays_and_discard_keeps_a_backup(course, tmp_path):
    app = make_app(course, tmp_path / "ws")
    async with app.run_test(size=SIZE) as pilot:
        screen, path = await open_double(pilot, app)
        before = path.read_text()
        await pilot.press(*"# mine", "enter")
        mine = screen.query_one(CodeEditor).text
        await pilot.press("escape", "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("enter")  # the default is Stay: nothing written, nothing lost
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        assert screen.query_one(CodeEditor).text == mine and path.read_text() == before
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("right", "right", "enter")  # stay → save → discard
        await wait_for(pilot, lambda: isinstance(app.screen, CourseMapScreen))
        assert path.read_text() == before
        assert list(backups(app).values()) == [mine]
