"""The first screen: lessons in order with their progress, the next thing to do, and where to resume."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from tutor.core.course import Lesson
from tutor.core.journey import POSITION_KEY, LessonSummary, next_position, summarize
from tutor.tui.screens.base import TutorScreen
from tutor.tui.strings import tries
from tutor.tui.widgets.key_footer import KeyFooter


def fill_table(table: DataTable, labels: dict[str, str], rows: list[tuple[str, tuple]],
               room: int | None = None) -> None:
    """Replace the table's content; columns get the width of their widest cell.

    Widths are computed here rather than by DataTable's auto width, which measures after the first frame and
    left the first frame's rows and header drawn at the labels' width. With `room` (the cells the table may
    use), the first column gives up width and its cells wrap at whole words, so no column is cut or hidden.
    """
    def cells(value: object) -> int:
        return value.cell_len if isinstance(value, Text) else len(str(value))

    widths = [max([cells(label)] + [cells(row[n]) for _, row in rows]) for n, label in enumerate(labels.values())]
    wrap = False
    if room is not None and widths:
        padding = 2 * table.cell_padding * len(widths)
        first = max(16, room - padding - sum(widths[1:]))
        wrap, widths[0] = first < widths[0], min(widths[0], first)
    table.clear(columns=True)
    for (key, label), width in zip(labels.items(), widths):
        table.add_column(label, key=key, width=width)
    for key, row in rows:
        if wrap and cells(row[0]) > widths[0]:
            row = (hang(row[0], widths[0]),) + tuple(row[1:])
        table.add_row(*row, key=key, height=None if wrap else 1)


def hang(cell: object, width: int) -> Text:
    """Wrap a cell at whole words, its later lines indented under its first word (not under its marks)."""
    from rich.console import Console

    text = cell if isinstance(cell, Text) else Text(str(cell))
    plain = text.plain
    lead = next((n for n, ch in enumerate(plain) if ch.isalnum()), 0)
    lead = lead if lead < width // 2 else 0
    lines = text[lead:].wrap(Console(width=width, legacy_windows=False), max(1, width - lead))
    out = text[:lead]
    for n, line in enumerate(lines):
        if n:
            out.append("\n" + " " * lead)
        out.append_text(line)
    return out


def table_room(screen_width: int, margin: int) -> int:
    """What a full-width table may use: the screen less its margins and a vertical scrollbar."""
    return screen_width - margin - 2


def describe_error(lesson: Lesson) -> str:
    """The manifest error with its file relative to the course folder (shorter, and the same on every machine)."""
    error = lesson.error
    if error is None:
        return ""
    try:
        where = str(error.path.relative_to(lesson.root))
    except ValueError:
        where = str(error.path)
    where += f":{error.line}" if error.line else ""
    text = f"{where}: {error.field_path}: {error.problem}" if error.field_path else f"{where}: {error.problem}"
    return f"{text} — {error.fix}" if error.fix else text


class CourseMapScreen(TutorScreen):
    BINDINGS = [
        Binding("enter", "open", "Open", show=True),
        Binding("n", "next", "Next"),
        Binding("c", "continue", "Continue"),
        Binding("p", "progress", "Progress"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[LessonSummary] = []
        self._built_width = 0  # the terminal width the table was last built for
        self._left = False  # another screen was shown over this one since it was built
        self.next: str | None = None
        self.resume: str | None = None

    def compose(self) -> ComposeResult:
        yield self.title_bar()
        with Vertical(id="map-body"):
            yield Static("", id="banner")
            yield DataTable(cursor_type="row", zebra_stripes=False, id="lessons")
            yield Static("", id="broken")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.resume = self.store.state(POSITION_KEY)
        self.reload(cursor_to=self.resume)
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        # Start-up sends several resizes of the same size: the table is rebuilt only when its room changed.
        if self.summaries and self._built_width != self.app.size.width:
            self.relabel_keep_cursor()

    def relabel_keep_cursor(self) -> None:
        table = self.query_one(DataTable)
        current = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value if table.row_count else None
        self.reload(cursor_to=current)

    def on_screen_suspend(self) -> None:
        self._left = True

    def on_screen_resume(self) -> None:
        if self.summaries and self._left:  # coming back from a lesson or an exercise: progress has changed
            self._left = False
            table = self.query_one(DataTable)
            current = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value if table.row_count else None
            self.resume = self.store.state(POSITION_KEY)
            self.reload(cursor_to=current)

    def relabel(self) -> None:
        super().relabel()
        table = self.query_one(DataTable)
        current = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value if table.row_count else None
        self.reload(cursor_to=current)

    # --- drawing -----------------------------------------------------------------------------------
    def reload(self, cursor_to: str | None = None) -> None:
        self.summaries = summarize(self.course, self.store)
        self.next = next_position(self.summaries)
        self.set_title(self.tr("Tensor Tutor — course map", "Tensor Tutor — mapa del curso")
                       + f"   {self.workspace.root}")
        table = self.query_one(DataTable)
        labels = {"item": self.tr("Lesson", "Lección"), "quiz": self.tr("Quiz", "Preguntas"),
                  "exercises": self.tr("Exercises", "Ejercicios"), "score": self.tr("Score", "Puntos")}
        rows: list[tuple[str, tuple]] = []
        for s in self.summaries:
            rows += self._lesson_rows(s)
        self._built_width = self.app.size.width
        fill_table(table, labels, rows, table_room(self._built_width, 2))
        self._draw_banner()
        self._draw_broken()
        keys = [row.key.value for row in table.ordered_rows]
        target = cursor_to if cursor_to in keys else (self.next if self.next in keys else None)
        if target is not None:
            table.move_cursor(row=keys.index(target), animate=False)

    def _label(self, position: str, text: str, done: bool | None, indent: int) -> Text:
        is_next = position == self.next
        mark = "→ " if is_next else ("✓ " if done else "  ")
        label = Text(" " * indent)
        label.append(mark, style="bold yellow" if is_next else "green")
        label.append(text, style="bold" if is_next or indent == 0 else "")
        return label

    def _lesson_rows(self, s: LessonSummary) -> list[tuple[str, tuple]]:
        lesson = s.lesson
        if lesson.broken:
            return [(f"broken:{lesson.slug}", (Text(f"   {lesson.number:02d} {lesson.slug}", style="bold"), "",
                                               Text(self.tr("⚠ broken", "⚠ con errores"), style="red"), ""))]
        rows: list[tuple[str, tuple]] = []
        title = f"{lesson.number:02d} {lesson.manifest.title.get(self.lang)}"
        quiz = f"{s.quiz_right}/{s.quiz_total}" if s.quiz_total else "–"
        exercises = f"{s.passed}/{len(s.exercises)}" if s.exercises else "–"
        score = f"{round(s.score, 1):g}/{s.max_score:g}" if s.exercises else ""
        rows.append((f"lesson:{lesson.slug}",
                     (self._label(f"lesson:{lesson.slug}", title, s.read, 0), quiz, exercises, score)))
        if s.quiz_total:
            rows.append((f"quiz:{lesson.slug}", (self._label(f"quiz:{lesson.slug}", self.tr("Quiz", "Cuestionario"),
                                                             s.quiz_done, 3), f"{s.quiz_right}/{s.quiz_total}", "", "")))
        for exercise, p in s.exercises:
            if p.passed:
                state = Text(self.tr("✓ passed", "✓ aprobado"), style="green")
            elif p.attempts:
                state = Text(f"✗ {tries(self.lang, p.attempts)}", style="red")
            else:
                state = Text("·", style="bright_black")
            rows.append((f"exercise:{exercise.id}",
                         (self._label(f"exercise:{exercise.id}", exercise.spec.title.get(self.lang), p.passed, 3),
                          "", state, f"{round(p.best_score, 1):g}/{exercise.spec.points:g}")))
        return rows

    def _describe(self, position: str | None) -> str | None:
        if not position:
            return None
        kind, _, ident = position.partition(":")
        try:
            if kind == "exercise":
                return self.course.exercise(ident).spec.title.get(self.lang)
            lesson = self.course.lesson(ident)
        except LookupError:
            return None
        if lesson.broken:
            return None
        title = lesson.manifest.title.get(self.lang)
        return self.tr(f"quiz of {title}", f"cuestionario de {title}") if kind == "quiz" else title

    def _draw_banner(self) -> None:
        parts = []
        resume = self._describe(self.resume)
        if resume and self.resume != self.next:
            parts.append(self.tr(f"c continues where you left off: {resume}",
                                 f"c continúa donde lo dejaste: {resume}"))
        nxt = self._describe(self.next)
        if nxt:
            parts.append(self.tr(f"→ next: {nxt} (n)", f"→ siguiente: {nxt} (n)"))
        elif self.summaries:
            parts.append(self.tr("Everything done — well done!", "Todo hecho — ¡bien hecho!"))
        if not self.course.lessons:
            parts = [self.tr("No lessons found in the course folders.", "No hay lecciones en las carpetas del curso.")]
        self.query_one("#banner", Static).update(Text("   ".join(parts)))

    def _draw_broken(self) -> None:
        broken = [s.lesson for s in self.summaries if s.lesson.broken]
        widget = self.query_one("#broken", Static)
        widget.display = bool(broken)
        text = Text()
        if broken:
            text.append(self.tr("Lessons with errors (the others work):\n", "Lecciones con errores (las demás funcionan):\n"),
                        style="bold red")
            for lesson in broken:
                text.append(f"{lesson.number:02d} {lesson.slug}: ", style="bold")
                text.append(f"{describe_error(lesson)}\n")
            text.rstrip()
        widget.update(text)

    # --- actions -----------------------------------------------------------------------------------
    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.open(str(event.row_key.value))

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            self.open(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))

    def action_next(self) -> None:
        if self.next:
            self.open(self.next)

    def action_continue(self) -> None:
        self.open(self.resume or self.next or "")

    def action_progress(self) -> None:
        self.tutor.open_progress()

    def open(self, position: str) -> None:
        if position.startswith("broken:"):
            self.notify(self.tr("This lesson cannot open until its error is fixed (see below).",
                                "Esta lección no se abre hasta corregir su error (ver abajo)."), severity="warning")
            return
        self.tutor.open_position(position)
