"""After a pass: the learner's code beside the reference solution, as a diff."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from tutor.tui.screens.base import TutorScreen
from tutor.tui.widgets.diff_view import DiffView
from tutor.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from tutor.core.course import Exercise


class SolutionScreen(TutorScreen):
    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, exercise: Exercise, mine: str) -> None:
        super().__init__()
        self.exercise, self.mine = exercise, mine

    def compose(self) -> ComposeResult:
        yield self.title_bar(self._title())
        try:
            reference = self.exercise.solution.read_text(encoding="utf-8")
        except OSError as exc:
            reference = f"# {self.exercise.solution}: {exc}"
        with VerticalScroll(id="diff-scroll"):
            yield DiffView(self.mine, reference, *self._column_titles(), id="diff")
        yield KeyFooter()

    def _title(self) -> str:
        return self.tr(f"{self.exercise.spec.title.get('en')} — your code and the reference solution",
                       f"{self.exercise.spec.title.get('es')} — tu código y la solución de referencia")

    def _column_titles(self) -> tuple[str, str]:
        return self.tr("your code", "tu código"), self.tr("reference", "referencia")

    def on_mount(self) -> None:
        self.query_one("#diff-scroll").focus()

    def relabel(self) -> None:
        super().relabel()
        self.set_title(self._title())
        diff = self.query_one(DiffView)
        diff.left_title, diff.right_title = self._column_titles()
        diff.redraw()

    def action_back(self) -> None:
        self.app.pop_screen()
