"""The footer of keys, in the learner's language."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tutor.tui.strings import key_label


class KeyFooter(Footer):
    """Textual's footer with each key's description translated (BINDINGS are written in English)."""

    def compose(self) -> ComposeResult:
        lang = getattr(self.app, "lang", "en")
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = key_label(lang, widget.description)
            yield widget
