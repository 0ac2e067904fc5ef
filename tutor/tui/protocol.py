"""What screens and widgets may ask of the app: a Protocol, so that no screen imports the app module (the app
imports the screens; attributes down, messages up)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from tutor.core.course import Course, Exercise
    from tutor.core.progress import ProgressStore
    from tutor.core.workspace import Workspace
    from tutor.grading.grader import Grader


class TutorAppLike(Protocol):
    lang: str
    course: Course
    workspace: Workspace
    store: ProgressStore
    watch_files: bool

    def grader(self) -> Grader: ...

    def warm(self, exercise: Exercise) -> None: ...

    def open_position(self, position: str) -> None: ...

    def open_progress(self) -> None: ...

    def set_lang(self, lang: str) -> None: ...

    def set_theme(self, name: str) -> None: ...

    def action_switch_lang(self) -> None: ...

    def action_toggle_theme(self) -> None: ...
