"""Progress per lesson and exercise: attempts, best score, time spent, hints used; export to CSV or JSON."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from tutor.core.journey import export, progress_rows, summarize
from tutor.tui.screens.base import TutorScreen
from tutor.tui.screens.course_map import fill_table, table_room
from tutor.tui.strings import duration, short_status
from tutor.tui.widgets.key_footer import KeyFooter
from tutor.tui.widgets.my_report import MyReport


class ProgressScreen(TutorScreen):
    BINDINGS = [
        Binding("x", "export('csv')", "Export CSV"),
        Binding("j", "export('json')", "Export JSON"),
        Binding("m", "my_report", "My report"),
        Binding("escape", "back", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield self.title_bar()
        yield DataTable(cursor_type="row", id="progress-table")
        yield MyReport(id="my-report")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(DataTable).focus()

    def relabel(self) -> None:
        super().relabel()
        self.reload()

    def on_resize(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.set_title(self.tr("Your progress", "Tu progreso") + f"   {self.workspace.root}")
        table = self.query_one(DataTable)
        room = table_room(self.app.size.width, 2)
        wide = room >= 96  # time and hints only where they fit beside whole titles
        labels = {"item": self.tr("Lesson / exercise", "Lección / ejercicio"),
                  "quiz": self.tr("Quiz", "Preguntas"), "attempts": self.tr("Attempts", "Intentos"),
                  "best": self.tr("Best", "Mejor")}
        if wide:
            labels |= {"time": self.tr("Time", "Tiempo"), "hints": self.tr("Hints", "Pistas")}
        labels["status"] = self.tr("Status", "Estado")
        rows: list[tuple[str, tuple]] = []
        for s in summarize(self.course, self.store):
            lesson = s.lesson
            if lesson.broken:
                continue
            assert lesson.manifest is not None
            read = self.tr("read", "leída") if s.read else self.tr("not read", "sin leer")
            cells: tuple = (Text(f"{lesson.number:02d} {lesson.manifest.title.get(self.lang)}", style="bold"),
                            f"{s.quiz_right}/{s.quiz_total}" if s.quiz_total else "–", "",
                            f"{round(s.score, 1):g}/{s.max_score:g}" if s.exercises else "")
            if wide:
                cells += (duration(sum(p.seconds for _, p in s.exercises)),
                          str(sum(p.hints_used for _, p in s.exercises)))
            rows.append((f"lesson:{lesson.slug}", cells + (read,)))
            for exercise, p in s.exercises:
                if p.passed:
                    status = Text(self.tr("✓ passed", "✓ aprobado"), style="green")
                elif p.attempts:
                    status = Text(short_status(self.lang, p.last_status or "failed"), style="red")
                else:
                    status = Text("·", style="bright_black")
                if p.tampered:  # a row the tutor did not sign: shown, never counted
                    status.append(self.tr(" ⚠ tampered row ignored", " ⚠ fila alterada ignorada"), style="yellow")
                cells = (f"   {exercise.spec.title.get(self.lang)}", "", str(p.attempts),
                         f"{round(p.best_score, 1):g}/{exercise.spec.points:g}")
                if wide:
                    cells += (duration(p.seconds), f"{p.hints_used}/{len(exercise.spec.hints.en)}")
                rows.append((f"exercise:{exercise.id}", cells + (status,)))
        fill_table(table, labels, rows, room)

    def action_export(self, kind: str) -> None:
        path = self.workspace.root / f"tutor-progress.{kind}"
        try:
            export(progress_rows(summarize(self.course, self.store)), path)
        except OSError as exc:
            self.notify(self.tr(f"could not write {path}: {exc}", f"no se pudo escribir {path}: {exc}"),
                        severity="error", timeout=10)
            return
        self.notify(self.tr(f"Saved {path}", f"Guardado {path}"), timeout=6)

    def action_my_report(self) -> None:
        self.query_one(MyReport).toggle_class("-shown")
        self._show_mine()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_mine()

    def _show_mine(self) -> None:
        report = self.query_one(MyReport)
        if not report.has_class("-shown"):
            return
        table = self.query_one(DataTable)
        exercise = None
        if table.row_count:
            key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
            if key.startswith("exercise:"):
                exercise = self.course.exercise(key.partition(":")[2])
        report.show_for(self.store, exercise, self.lang)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.app.pop_screen()
        self.tutor.open_position(str(event.row_key.value))

    def action_back(self) -> None:
        self.app.pop_screen()
