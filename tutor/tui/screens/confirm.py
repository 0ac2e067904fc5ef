"""A small question with a few answers (stay / save / discard…); dismisses with the chosen key.

The safe answer has the focus, so Enter never loses work; arrows and tab move between the answers, escape
answers None (the caller treats that as the safe answer too).
"""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[str]):
    BINDINGS = [
        Binding("escape", "dismiss_none", "Back"),
        Binding("left,up", "app.focus_previous", "Previous", show=False),
        Binding("right,down", "app.focus_next", "Next", show=False),
    ]

    def __init__(self, question: str, choices: list[tuple[str, str]], default: str | None = None,
                 note: str = "") -> None:
        super().__init__()
        self.question, self.choices, self.note = question, choices, note
        self.default = default if default in {key for key, _ in choices} else choices[0][0]

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.question, id="confirm-question", markup=False)
            with Horizontal(id="confirm-buttons"):
                for key, label in self.choices:
                    yield Button(label, id=f"choice-{key}", variant="primary" if key == self.default else "default")
            if self.note:
                yield Static(self.note, id="confirm-note", markup=False)

    def on_mount(self) -> None:
        self.query_one(f"#choice-{self.default}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(str(event.button.id).removeprefix("choice-"))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
