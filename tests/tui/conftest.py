"""Fixtures for the TUI tests: a small fixed course, the built-in tensors lesson, apps on temporary workspaces."""
from __future__ import annotations

import asyncio
import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import pytest

from tutor.core.course import Course, builtin_root, load_lesson
from tutor.core.workspace import Workspace

if TYPE_CHECKING:
    from tutor.grading.grader import Grader

COURSE_ROOT = Path(__file__).resolve().parent / "course"


def fixed_course() -> Course:
    """tests/tui/course only: snapshots must not change when the built-in course grows."""
    lessons = [load_lesson(COURSE_ROOT, d) for d in sorted(os.listdir(COURSE_ROOT / "exercises"))]
    return Course(tuple(l for l in lessons if l is not None), (COURSE_ROOT,))


def tensors_course() -> Course:
    """The built-in tensors lesson alone (its broadcasting exercise is graded for real)."""
    lesson = load_lesson(builtin_root(), "01-tensors")
    assert lesson is not None and not lesson.broken, "the built-in tensors lesson is missing or broken"
    return Course((lesson,), (builtin_root(),))


@functools.cache
def shared_grader() -> Grader:
    """One warm Grader for every app of this test process, as a running tutor keeps one: each test's grades skip
    starting a worker and a trusted grader. Its sandbox hides both courses' solutions and graders (the tests'
    workspaces are temporary folders; bubblewrap shows none of them anyway). The pool closes at process exit."""
    from tutor.grading.grader import Grader
    from tutor.grading.sandbox import ZygotePool, default_hidden

    return Grader(pool=ZygotePool(default_hidden((COURSE_ROOT, builtin_root()), None)))


def make_app(course: Course, root: Path, lang: str = "en", **options: Any):  # noqa: ANN201
    """An app on a workspace at `root`, grading with this process's shared warm Grader."""
    from tutor.tui.app import TutorApp

    ws = Workspace(root)
    ws.sync(course)
    options.setdefault("grader", shared_grader())
    options.setdefault("warm", False)
    options.setdefault("watch", False)
    options.setdefault("welcome", False)
    return TutorApp(course, ws, lang, **options)


def screen_text(app: Any) -> str:
    """The screen as plain text: what a learner sees."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def wait_for(pilot: Any, condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Pause until condition() holds (grading runs in threads and takes a moment)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out after {timeout} s; the screen shows:\n{screen_text(pilot.app)}")
        await pilot.pause(0.05)


@pytest.fixture
def course() -> Course:
    return fixed_course()


async def to_editor(pilot: Any) -> None:
    """On a first visit below 110 columns the exercise opens on its instructions: ctrl+b goes to the editor."""
    from tutor.tui.widgets.code_editor import CodeEditor

    await pilot.pause(0.1)
    if not pilot.app.screen.query_one(CodeEditor).has_focus:
        await pilot.press("ctrl+b")
        await pilot.pause(0.1)
