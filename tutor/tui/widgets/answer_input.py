"""Where the learner answers one quiz question, for each kind: single, multiple, number, shape, expression."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual import events
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, SelectionList

from tutor.core.mathtext import render_plain
from tutor.tui.strings import tr

if TYPE_CHECKING:
    from tutor.core.manifest import Question


class ChoiceList(SelectionList[int]):
    """Several choices: space ticks one, enter submits the ticked set."""

    class Submit(Message):
        pass

    def on_key(self, event: events.Key) -> None:
        # SelectionList ticks on enter as on space; here enter means "check my answer"
        if event.key == "enter":
            event.prevent_default()
            event.stop()
            self.post_message(self.Submit())


class AnswerInput(Vertical):
    """Posts AnswerInput.Submitted with the answer in the form `check_answer` takes."""

    class Submitted(Message):
        def __init__(self, value: Any) -> None:
            super().__init__()
            self.value = value

    def __init__(self, question: Question, lang: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.question, self.lang = question, lang

    def compose(self) -> ComposeResult:
        q, lang = self.question, self.lang
        if q.kind == "single":
            yield OptionList(*(f"{n + 1}. {render_plain(c)}" for n, c in enumerate(q.choices.get(lang))),
                             id="answer")
        elif q.kind == "multiple":
            yield ChoiceList(*((render_plain(c), n) for n, c in enumerate(q.choices.get(lang))), id="answer")
        else:
            yield Input(placeholder=self._placeholder(), id="answer")

    def _placeholder(self) -> str:
        q, lang = self.question, self.lang
        if q.kind == "number":
            return tr(lang, "a number, e.g. 0.5 or 1e-3 — enter checks", "un número, p. ej. 0.5 o 1e-3 — enter comprueba")
        if q.kind == "shape":
            return tr(lang, "a shape, e.g. (n, 28, 28) — enter checks", "una forma, p. ej. (n, 28, 28) — enter comprueba")
        names = ", ".join(q.symbols) or "x"
        return tr(lang, f"a formula in {names}; use * / ^ sqrt() — enter checks",
                  f"una fórmula en {names}; usa * / ^ sqrt() — enter comprueba")

    def focus_answer(self) -> None:
        self.query_one("#answer").focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option_list, SelectionList):
            return  # a tick in a multiple-choice list, not an answer
        event.stop()
        self.post_message(self.Submitted(event.option_index))

    def on_choice_list_submit(self, event: ChoiceList.Submit) -> None:
        event.stop()
        self.submit()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        """Post the current answer (the Check button calls this too); nothing chosen yet posts nothing."""
        widget = self.query_one("#answer")
        if isinstance(widget, SelectionList):  # before OptionList: a SelectionList is one
            self.post_message(self.Submitted(list(widget.selected)))
        elif isinstance(widget, OptionList):
            if widget.highlighted is not None:
                self.post_message(self.Submitted(widget.highlighted))
        elif isinstance(widget, Input):
            if widget.value.strip():
                self.post_message(self.Submitted(widget.value.strip()))
