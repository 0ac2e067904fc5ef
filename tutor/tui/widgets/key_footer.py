"""The footer of keys, in the learner's language, with escape and F1 first so a narrow terminal keeps them."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tutor.tui.strings import key_label

ESSENTIAL = ("escape", "f1")  # the way back and the way to help: never cut at the right edge


class KeyFooter(Footer):
    """Textual's footer with each key's description translated (BINDINGS are written in English)."""

    DEFAULT_CSS = "KeyFooter { scrollbar-size-horizontal: 0; }"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(compact=True, **kwargs)  # type: ignore[arg-type]

    def compose(self) -> ComposeResult:
        lang = getattr(self.app, "lang", "en")
        widgets = list(super().compose())
        for widget in widgets:
            if isinstance(widget, FooterKey):
                widget.description = key_label(lang, widget.description)

        def rank(widget: object) -> int:
            key = getattr(widget, "key", "")
            return ESSENTIAL.index(key) if key in ESSENTIAL else len(ESSENTIAL)

        yield from sorted(widgets, key=rank)  # stable: the others keep their order
