"""Hints revealed one at a time: the screen records each reveal and sets `revealed`."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tutor.core.mathtext import render_plain
from tutor.tui.strings import tr


class HintList(Static):
    """Attributes down: `hints` (in the current language) and `revealed` (how many are shown)."""

    def __init__(self, hints: tuple[str, ...], revealed: int, lang: str, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.hints, self.revealed, self.lang = hints, revealed, lang

    def on_mount(self) -> None:
        self.redraw()

    def set_state(self, hints: tuple[str, ...], revealed: int, lang: str) -> None:
        self.hints, self.revealed, self.lang = hints, revealed, lang
        self.redraw()

    def redraw(self) -> None:
        lang, total = self.lang, len(self.hints)
        text = Text()
        text.append(tr(lang, "Hints", "Pistas"), style="bold")
        text.append(f"  {min(self.revealed, total)}/{total}\n", style="bright_black")
        for n, hint in enumerate(self.hints[: self.revealed]):
            text.append(f"{n + 1}. ", style="bold yellow")
            text.append(render_plain(hint) + "\n")  # hints may hold $math$, shown as in the lesson
        if self.revealed < total:
            text.append(tr(lang, "ctrl+t reveals the next hint", "ctrl+t muestra la siguiente pista"),
                        style="bright_black")
        else:
            text.append(tr(lang, "no more hints", "no hay más pistas"), style="bright_black")
        self.update(text)
