"""The TUI's watch mode grades the exercise's notebook when Jupyter saves it beside the workspace copy."""
from __future__ import annotations

from tests.notebooks.helpers import notebook
from tests.tui.conftest import make_app, screen_text, tensors_course, wait_for
from tests.tui.test_flows import goto
from tutor.tui.screens.exercise import ExerciseScreen
from tutor.tui.widgets.code_editor import CodeEditor


async def test_watch_mode_grades_the_exercises_notebook_saved_in_jupyter(tmp_path):
    course = tensors_course()
    app = make_app(course, tmp_path / "ws", watch=True)
    exercise = course.exercise("tensors/broadcasting")
    path = app.workspace.path_for(exercise)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await goto(pilot, "exercise:tensors/broadcasting")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        await pilot.pause(0.5)  # the watcher thread settles on the folder
        editor_text = app.screen.query_one(CodeEditor).text
        path.with_suffix(".ipynb").write_text(notebook("%matplotlib inline", exercise.solution.read_text()))
        await wait_for(pilot, lambda: app.store.passed(exercise.id), timeout=60)
        await wait_for(pilot, lambda: "best 10/10" in screen_text(app))  # the title says it at any width
        assert app.screen.query_one(CodeEditor).text == editor_text  # the .py in the editor is left as it was
        last = app.store.last_result(exercise.id)
        assert any("%matplotlib inline" in note for note in last["notes"])
