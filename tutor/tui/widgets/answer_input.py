"""Where the learner answers one quiz question, for each kind: single, multiple, number, shape, expression."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual import events
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static

from tutor.core.mathtext import render_plain
from tutor.tui.strings import tr

if TYPE_CHECKING:
    from tutor.core.manifest import Question


class ChoiceList(OptionList):
    """Several choices, each drawn ☐ or ☑ (not by colour alone): space ticks one, enter submits the ticked set.

    `choices` are in the order shown; `order[n]` is the question's own index of the n-th one shown."""

    class Submit(Message):
        pass

    def __init__(self, choices: list[str], order: tuple[int, ...] | None = None, **kwargs: object) -> None:
        self.choices = choices
        self.order = order or tuple(range(len(choices)))
        self.ticked: set[int] = set()  # positions on screen
        super().__init__(*(self._prompt(n) for n in range(len(choices))), **kwargs)  # type: ignore[arg-type]

    def _prompt(self, n: int) -> str:
        return f"{'☑' if n in self.ticked else '☐'} {self.choices[n]}"

    @property
    def selected(self) -> list[int]:
        """The ticked choices as the question numbers them (what check_answer takes), not their places."""
        return sorted(self.order[n] for n in self.ticked)

    def toggle(self, n: int) -> None:
        self.ticked ^= {n}
        self.replace_option_prompt_at_index(n, self._prompt(n))

    def on_key(self, event: events.Key) -> None:
        if event.key == "space" and self.highlighted is not None:
            event.prevent_default()
            event.stop()
            self.toggle(self.highlighted)
        elif event.key == "enter":  # enter means "check my answer", not "tick"
            event.prevent_default()
            event.stop()
            self.post_message(self.Submit())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # a click ticks
        self.toggle(event.option_index)


class AnswerInput(Vertical):
    """Posts AnswerInput.Submitted with the answer in the form `check_answer` takes."""

    class Submitted(Message):
        def __init__(self, value: Any) -> None:
            super().__init__()
            self.value = value

    class Empty(Message):
        """Enter with nothing chosen or typed: `expected` says what to do."""

        def __init__(self, expected: str) -> None:
            super().__init__()
            self.expected = expected

    def __init__(self, question: Question, lang: str, order: tuple[int, ...] | None = None,
                 **kwargs: object) -> None:
        """`order`: the learner's order of the choices (core.answers.choice_order); answers are posted by the
        question's own choice indexes, whatever their place on screen."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.question, self.lang = question, lang
        n = len(question.choices.en) if question.choices else 0
        self.order = order or tuple(range(n))

    def compose(self) -> ComposeResult:
        q, lang = self.question, self.lang
        if q.kind == "single":
            choices = q.choices.get(lang)
            yield OptionList(*(f"{n + 1}. {render_plain(choices[i])}" for n, i in enumerate(self.order)),
                             id="answer")
        elif q.kind == "multiple":
            yield Static(tr(lang, "several may be right — space: tick ☐/☑ · enter: check",
                            "varias pueden ser correctas — espacio: marcar ☐/☑ · enter: comprobar"),
                         id="answer-help")
            choices = q.choices.get(lang)
            yield ChoiceList([render_plain(choices[i]) for i in self.order], self.order, id="answer")
        else:
            yield Input(placeholder=self._placeholder(), id="answer")

    def _placeholder(self) -> str:
        return self._expected() + tr(self.lang, " — enter checks", " — enter comprueba")

    def _expected(self) -> str:
        q, lang = self.question, self.lang
        if q.kind == "number":
            return tr(lang, "a number, e.g. 0.5 or 1e-3", "un número, p. ej. 0.5 o 1e-3")
        if q.kind == "shape":
            return tr(lang, "a shape, e.g. (n, 28, 28)", "una forma, p. ej. (n, 28, 28)")
        names = ", ".join(q.symbols) or "x"
        return tr(lang, f"a formula in {names}; use * / ^ sqrt()", f"una fórmula en {names}; usa * / ^ sqrt()")

    def focus_answer(self) -> None:
        self.query_one("#answer").focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option_list, ChoiceList):
            return  # a tick in a multiple-choice list, not an answer
        event.stop()
        self.post_message(self.Submitted(self.order[event.option_index]))

    def on_choice_list_submit(self, event: ChoiceList.Submit) -> None:
        event.stop()
        self.submit()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        """Post the current answer (the Check button calls this too); nothing chosen yet says what is expected."""
        widget = self.query_one("#answer")
        lang = self.lang
        if isinstance(widget, ChoiceList):  # before OptionList: a ChoiceList is one
            if widget.selected:
                self.post_message(self.Submitted(widget.selected))
            else:
                self.post_message(self.Empty(tr(lang, "Tick at least one choice with space, then press enter.",
                                                "Marca al menos una opción con espacio y pulsa enter.")))
        elif isinstance(widget, OptionList):
            if widget.highlighted is not None:
                self.post_message(self.Submitted(self.order[widget.highlighted]))
            else:
                self.post_message(self.Empty(tr(lang, "Choose an answer with ↑↓, then press enter.",
                                                "Elige una respuesta con ↑↓ y pulsa enter.")))
        elif isinstance(widget, Input):
            if widget.value.strip():
                self.post_message(self.Submitted(widget.value.strip()))
            else:
                self.post_message(self.Empty(tr(lang, f"Type your answer first: {self._expected()}; then enter.",
                                                f"Escribe primero tu respuesta: {self._expected()}; luego enter.")))
