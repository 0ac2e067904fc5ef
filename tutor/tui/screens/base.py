"""What every screen shares: the app's course, workspace, store and language; a title bar and the key footer."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.widgets import Static

from tutor.tui.strings import tr

if TYPE_CHECKING:
    from tutor.core.course import Course
    from tutor.core.progress import ProgressStore
    from tutor.core.workspace import Workspace
    from tutor.tui.protocol import TutorAppLike


class TutorScreen(Screen):
    """A screen of the tutor. `relabel()` redraws its text after a language switch."""

    @property
    def tutor(self) -> TutorAppLike:
        return self.app  # type: ignore[return-value]  # the TutorApp, seen through what screens may use

    @property
    def lang(self) -> str:
        return self.tutor.lang

    @property
    def course(self) -> Course:
        return self.tutor.course

    @property
    def workspace(self) -> Workspace:
        return self.tutor.workspace

    @property
    def store(self) -> ProgressStore:
        return self.tutor.store

    def tr(self, en: str, es: str) -> str:
        return tr(self.lang, en, es)

    def title_bar(self, text: str = "") -> Static:
        return Static(text, id="title-bar", markup=False)

    def set_title(self, text: str) -> None:
        self.query_one("#title-bar", Static).update(text)

    def relabel(self) -> None:
        """Called on every screen of the stack when the language changes."""
        self.refresh_bindings()

    def remember(self, position: str) -> None:
        """The place a restart resumes at."""
        from tutor.core.journey import POSITION_KEY

        self.store.set_state(POSITION_KEY, position)
