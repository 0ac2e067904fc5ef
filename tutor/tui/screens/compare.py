"""Your unsaved text beside the file's newer version on disk, before choosing which to keep."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from tutor.tui.screens.base import TutorScreen
from tutor.tui.widgets.diff_view import DiffView
from tutor.tui.widgets.key_footer import KeyFooter


class CompareScreen(TutorScreen):
    """Escape goes back to the question (keep mine / take the file's)."""

    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, name: str, mine: str, on_disk: str) -> None:
        super().__init__()
        self.file_name, self.mine, self.on_disk = name, mine, on_disk

    def compose(self) -> ComposeResult:
        yield self.title_bar(self._title())
        with VerticalScroll(id="diff-scroll"):
            yield DiffView(self.mine, self.on_disk, *self._column_titles(), id="diff")
        yield KeyFooter()

    def _title(self) -> str:
        return self.tr(f"{self.file_name}: your unsaved text and the file on disk (esc: choose)",
                       f"{self.file_name}: tu texto sin guardar y el archivo en disco (esc: elegir)")

    def _column_titles(self) -> tuple[str, str]:
        return self.tr("yours (unsaved)", "el tuyo (sin guardar)"), self.tr("on disk", "en disco")

    def on_mount(self) -> None:
        self.query_one("#diff-scroll").focus()

    def relabel(self) -> None:
        super().relabel()
        self.set_title(self._title())
        diff = self.query_one(DiffView)
        diff.left_title, diff.right_title = self._column_titles()
        diff.redraw()

    def action_back(self) -> None:
        self.dismiss(None)
