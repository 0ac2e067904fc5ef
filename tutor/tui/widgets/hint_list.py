"""Hints revealed one at a time: the screen records each reveal and sets `revealed`.

A misconception recognised in the last grade is shown above the rungs: it speaks about the learner's own code.
Markdown code spans render as code (no literal backticks), math as Unicode.
"""
from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tutor.core.hints import spans
from tutor.tui.strings import tr


def inline_markdown(source: str, style: str = "") -> Text:
    """Hints, verdicts and check messages: `code` spans drawn as code, without their backticks."""
    text = Text()
    for piece, code in spans(source):
        text.append(piece, style="bold cyan" if code else style)
    return text


class HintList(Static):
    """Attributes down: `hints` (in the current language), `revealed` (how many are shown) and `misconception`."""

    def __init__(self, hints: tuple[str, ...], revealed: int, lang: str, misconception: str | None = None,
                 **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.hints, self.revealed, self.lang, self.misconception = hints, revealed, lang, misconception

    def on_mount(self) -> None:
        self.redraw()

    def set_state(self, hints: tuple[str, ...], revealed: int, lang: str, misconception: str | None = None) -> None:
        self.hints, self.revealed, self.lang, self.misconception = hints, revealed, lang, misconception
        self.redraw()

    def redraw(self) -> None:
        lang, total = self.lang, len(self.hints)
        text = Text()
        if self.misconception:
            text.append(tr(lang, "About your last submission", "Sobre tu último envío") + "\n", style="bold magenta")
            text.append_text(inline_markdown(self.misconception))
            text.append("\n\n")
        text.append(tr(lang, "Hints", "Pistas"), style="bold")
        text.append(f"  {min(self.revealed, total)}/{total}\n", style="bright_black")
        for n, hint in enumerate(self.hints[: self.revealed]):
            text.append(tr(lang, f"{n + 1} of {total}. ", f"{n + 1} de {total}. "), style="bold yellow")
            text.append_text(inline_markdown(hint))
            text.append("\n")
        if self.revealed < total:
            text.append(tr(lang, "ctrl+t reveals the next hint", "ctrl+t muestra la siguiente pista"),
                        style="bright_black")
        else:
            text.append(tr(lang, "no more hints", "no hay más pistas"), style="bright_black")
        self.update(text)
