"""The quiz: one question at a time, immediate feedback with the explanation, retry when wrong."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Markdown, Static

from tutor.core.answers import AnswerFormatError, check_answer, choice_order
from tutor.core.mathtext import render_markdown, render_plain
from tutor.tui.screens.base import TutorScreen
from tutor.tui.strings import plural
from tutor.tui.widgets.answer_input import AnswerInput
from tutor.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from tutor.core.course import Lesson
    from tutor.core.manifest import Question


def answer_key_text(q: Question, lang: str, order: tuple[int, ...] | None = None) -> str:
    """The right answer as a learner would write it; right choices in the order shown (`order`)."""
    if q.kind == "single":
        return render_plain(q.choices.get(lang)[q.answer])
    if q.kind == "multiple":
        shown = sorted(q.answer, key=order.index) if order else q.answer
        return "; ".join(render_plain(q.choices.get(lang)[i]) for i in shown)
    if q.kind == "number" and q.tolerance:
        return f"{q.answer:g} ± {q.tolerance:g}"
    return f"{q.answer:g}" if isinstance(q.answer, float) else str(q.answer)


class QuizScreen(TutorScreen):
    BINDINGS = [
        # priority: the scrolling container would take page keys otherwise
        Binding("pagedown", "next", "Next", priority=True),
        Binding("pageup", "previous", "Previous", priority=True),
        Binding("ctrl+r", "reveal", "Show answer"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, lesson: Lesson) -> None:
        super().__init__()
        assert lesson.manifest is not None
        self.lesson = lesson
        self.questions = lesson.manifest.quiz
        self.index = 0
        # feedback per question id while the screen is open: ("right" | "wrong" | "unreadable" | "revealed", text)
        self.feedback: dict[str, tuple[str, str]] = {}
        self.aimed: dict[str, tuple[str, str]] = {}  # question id -> (en, es) feedback on the last wrong answer
        self.format_errors: dict[str, Any] = {}  # question id -> the AnswerFormatError, to redraw it after F2
        self.next_step: str | None = None
        self.checked: dict[str, Any] = {}  # question id -> the answer last checked (Enter on it again moves on)

    def compose(self) -> ComposeResult:
        yield self.title_bar()
        with VerticalScroll(id="quiz-body"):
            yield Static("", id="quiz-progress")
            yield Markdown("", id="prompt")
            yield AnswerInput(self.question, self.lang, self.order(self.question), id="answer-input")
            with Horizontal(id="quiz-buttons"):
                yield Button("", id="check", variant="primary")
                yield Button("", id="previous")
                yield Button("", id="next")
            yield Static("", id="feedback")
            yield Markdown("", id="explanation")
        with VerticalScroll(id="quiz-summary"):
            yield Static("", id="summary-text")
            with Horizontal(id="summary-buttons"):
                yield Button("", id="summary-next", variant="primary")
                yield Button("", id="summary-review")
        yield KeyFooter()

    @property
    def question(self) -> Question:
        return self.questions[self.index]

    def order(self, q: Question) -> tuple[int, ...]:
        """This learner's order of the question's choices: shuffled, the same in every run and in `tutor quiz`."""
        return choice_order(q, self.store.learner_seed())

    async def on_mount(self) -> None:
        saved = self.store.state(f"quiz-index:{self.lesson.slug}")
        status = self.store.quiz_status(self.lesson.slug)
        if saved is not None and saved.isdigit() and int(saved) < len(self.questions):
            self.index = int(saved)
        else:  # the first question not answered right yet
            self.index = next((n for n, q in enumerate(self.questions) if not status.get(q.id)), 0)
        self.remember(f"quiz:{self.lesson.slug}")
        await self.show_question(focus=True)

    # --- drawing -----------------------------------------------------------------------------------
    async def show_question(self, focus: bool = False) -> None:
        assert self.lesson.manifest is not None
        self.store.set_state(f"quiz-index:{self.lesson.slug}", str(self.index))
        self.set_title(f"{self.lesson.number:02d} {self.lesson.manifest.title.get(self.lang)} — "
                       + self.tr("quiz", "cuestionario"))
        status = self.store.quiz_status(self.lesson.slug)
        dots = Text()
        dots.append(self.tr(f"Question {self.index + 1} of {len(self.questions)}  ",
                            f"Pregunta {self.index + 1} de {len(self.questions)}  "), style="bold")
        for n, q in enumerate(self.questions):
            mark = "●" if status.get(q.id) else ("✗" if q.id in status else "○")
            style = "green" if status.get(q.id) else ("red" if q.id in status else "bright_black")
            dots.append(mark + " ", style=style + (" underline" if n == self.index else ""))
        right = sum(1 for q in self.questions if status.get(q.id))
        if right == len(self.questions):
            dots.append(self.tr("  all answered right ✓", "  todas respondidas bien ✓"), style="green")
        self.query_one("#quiz-progress", Static).update(dots)
        self.query_one("#prompt", Markdown).update(render_markdown(self.question.prompt.get(self.lang)))
        old = self.query_one(AnswerInput)
        if old.question is not self.question or old.lang != self.lang:
            new = AnswerInput(self.question, self.lang, self.order(self.question), id="answer-input")
            await old.remove()
            await self.query_one("#quiz-body").mount(new, after="#prompt")
            if focus:
                self.call_after_refresh(new.focus_answer)
        elif focus:
            old.focus_answer()
        self.query_one("#check", Button).label = self.tr("Check", "Comprobar")
        self.query_one("#previous", Button).label = self.tr("← Previous", "← Anterior")
        last = self.index == len(self.questions) - 1
        self.query_one("#next", Button).label = (self.tr("Summary →", "Resumen →") if last
                                                 else self.tr("Next →", "Siguiente →"))
        self.query_one("#previous", Button).disabled = self.index == 0
        self._draw_feedback()
        if self.summary_shown:
            self._draw_summary()

    def _draw_feedback(self) -> None:
        kind, text = self.feedback.get(self.question.id, ("", ""))
        feedback = self.query_one("#feedback", Static)
        feedback.set_classes(f"-{kind}" if kind else "")
        feedback.update(text)
        explanation = self.query_one("#explanation", Markdown)
        show = kind in ("right", "revealed")
        explanation.display = show
        if show:
            explanation.update(render_markdown(self.question.explanation.get(self.lang)))

    async def relabel(self) -> None:
        super().relabel()
        # feedback texts were in the old language; keep their verdicts, redraw their words
        for qid, (kind, _) in list(self.feedback.items()):
            q = next(x for x in self.questions if x.id == qid)
            error = self.format_errors.get(qid)
            message = error.text(self.lang) if isinstance(error, AnswerFormatError) else None
            self.feedback[qid] = (kind, self._feedback_text(kind, q, message))
        await self.show_question()

    def _feedback_text(self, kind: str, q: Question, error: str | None,
                       aimed: tuple[str, str] | None = None) -> str:
        if kind == "right":
            if q is self.questions[-1]:
                return self.tr("✓ Right! Enter shows your summary.", "✓ ¡Correcto! Enter muestra tu resumen.")
            return self.tr("✓ Right! Enter goes on to the next question.",
                           "✓ ¡Correcto! Enter pasa a la siguiente pregunta.")
        if kind == "wrong":
            if aimed is None:
                aimed = self.aimed.get(q.id)
            why = (aimed[1] if self.lang == "es" else aimed[0]) + " " if aimed else ""
            return self.tr(f"✗ {why}Try again — or ctrl+r shows the answer.",
                           f"✗ {why}Inténtalo de nuevo — o ctrl+r muestra la respuesta.")
        if kind == "revealed":
            order = self.order(q)
            return self.tr(f"The answer: {answer_key_text(q, 'en', order)}",
                           f"La respuesta: {answer_key_text(q, 'es', order)}")
        if kind == "unreadable":
            return self.tr(f"? I cannot read that answer: {error}", f"? No puedo leer esa respuesta: {error}") \
                if error else self.tr("? I cannot read that answer.", "? No puedo leer esa respuesta.")
        return ""

    # --- answering ---------------------------------------------------------------------------------
    async def on_answer_input_submitted(self, event: AnswerInput.Submitted) -> None:
        event.stop()
        q = self.question
        if self.feedback.get(q.id, ("",))[0] == "right" and self.checked.get(q.id) == event.value:
            await self.action_next()  # Enter again on the right answer moves on; a new answer is checked first
            return
        await self.check(event.value)

    async def on_answer_input_empty(self, event: AnswerInput.Empty) -> None:
        event.stop()
        self.feedback[self.question.id] = ("unreadable", event.expected)
        self._draw_feedback()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "check":
            self.query_one(AnswerInput).submit()
        elif event.button.id == "next":
            await self.action_next()
        elif event.button.id == "previous":
            await self.action_previous()
        elif event.button.id == "summary-next":
            self.app.pop_screen()
            if self.next_step:
                self.tutor.open_position(self.next_step)
        elif event.button.id == "summary-review":
            self.index = 0
            await self.show_summary(False)

    async def check(self, value: Any) -> None:
        q = self.question
        self.checked[q.id] = value
        try:
            result = check_answer(q, value)
        except (AnswerFormatError, ValueError, TypeError) as exc:
            # unreadable is not wrong: nothing is recorded, the learner is told how to write it
            message = exc.text(self.lang) if isinstance(exc, AnswerFormatError) else str(exc)
            self.format_errors[q.id] = exc
            self.feedback[q.id] = ("unreadable", self._feedback_text("unreadable", q, message))
            await self.show_question()
            return
        self.store.record_quiz_answer(self.lesson.slug, q.id, result.normalized, result.correct)
        kind = "right" if result.correct else "wrong"
        if result.feedback is not None:
            self.aimed[q.id] = result.feedback
        self.feedback[q.id] = (kind, self._feedback_text(kind, q, None))
        await self.show_question()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next", "reveal") and self.summary_shown:
            return False  # the summary has its own buttons; pgup goes back to the questions
        return True

    async def action_reveal(self) -> None:
        q = self.question
        if self.feedback.get(q.id, ("",))[0] == "right":
            return
        self.feedback[q.id] = ("revealed", self._feedback_text("revealed", q, None))
        await self.show_question()

    async def action_next(self) -> None:
        if self.summary_shown:
            return
        if self.index < len(self.questions) - 1:
            self.index += 1
            await self.show_question(focus=True)
        else:
            await self.show_summary(True)

    # --- the end ----------------------------------------------------------------------------------
    @property
    def summary_shown(self) -> bool:
        return self.has_class("-summary")

    async def show_summary(self, on: bool) -> None:
        self.set_class(on, "-summary")
        self.refresh_bindings()
        if on:
            self._draw_summary()
            self.query_one("#summary-next", Button).focus()
        else:
            await self.show_question(focus=True)

    def _draw_summary(self) -> None:
        from tutor.core.journey import next_position, summarize

        status = self.store.quiz_status(self.lesson.slug)
        total = len(self.questions)
        right = sum(1 for q in self.questions if status.get(q.id))
        wrong = [n + 1 for n, q in enumerate(self.questions) if q.id in status and not status[q.id]]
        unanswered = [n + 1 for n, q in enumerate(self.questions) if q.id not in status]
        shown = sum(1 for q in self.questions if self.feedback.get(q.id, ("",))[0] == "revealed")
        text = Text()
        text.append(self.tr("Quiz summary\n\n", "Resumen del cuestionario\n\n"), style="bold")
        text.append(self.tr(f"{right} of {total} answered right", f"{right} de {total} respondidas bien"),
                    style="bold green" if right == total else "bold")
        if shown:
            text.append("  ·  " + plural(self.lang, shown, ("answer shown with ctrl+r", "answers shown with ctrl+r"),
                                         ("respuesta vista con ctrl+r", "respuestas vistas con ctrl+r")))
        text.append("\n")
        if wrong:
            text.append(self.tr("Not right yet: questions ", "Aún no bien: preguntas ") + ", ".join(map(str, wrong)) + "\n",
                        style="red")
        if unanswered:
            text.append(self.tr("Not answered: questions ", "Sin responder: preguntas ")
                        + ", ".join(map(str, unanswered)) + "\n", style="yellow")
        lesson_next = next((f"exercise:{e.id}" for e in self.lesson.exercises if not self.store.passed(e.id)), None)
        self.next_step = lesson_next or next_position(summarize(self.course, self.store))
        button = self.query_one("#summary-next", Button)
        if self.next_step and self.next_step.startswith("exercise:"):
            title = self.course.exercise(self.next_step.partition(":")[2]).spec.title.get(self.lang)
            label = self.tr(f"Next: the exercise “{title}” →", f"Siguiente: el ejercicio «{title}» →")
        elif self.next_step:
            label = self.tr("Next: the course map →", "Siguiente: el mapa del curso →")
        else:
            label = self.tr("Everything done: back to the map", "Todo hecho: volver al mapa")
        text.append("\n" + self.tr("Enter takes the next step; esc goes back to the course map.",
                                   "Enter da el siguiente paso; esc vuelve al mapa del curso."), style="bright_black")
        self.query_one("#summary-text", Static).update(text)
        button.label = label
        self.query_one("#summary-review", Button).label = self.tr("Review the questions", "Repasar las preguntas")

    async def action_previous(self) -> None:
        if self.summary_shown:
            await self.show_summary(False)
        elif self.index > 0:
            self.index -= 1
            await self.show_question(focus=True)

    def action_back(self) -> None:
        self.app.pop_screen()
