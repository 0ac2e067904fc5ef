"""An exercise: instructions and hints, the learner's file in an editor, grading with live results.

ctrl+s saves and grades. In watch mode a save from any other editor regrades too. Grading runs in a worker
thread (GradeRunner) and reports through messages, so the screen never blocks; escape cancels a long training.
"""
from __future__ import annotations

import hashlib
import time
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Markdown, Static

from tutor.core.hints import Ladder, ladder
from tutor.core.instructions import InstructionsError, as_markdown
from tutor.core.instructions import instructions as starter_instructions
from tutor.core.mathtext import render_markdown
from tutor.tui.screens.base import TutorScreen
from tutor.tui.strings import status_label
from tutor.tui.widgets.code_editor import CodeEditor
from tutor.tui.widgets.file_watcher import FileWatcher
from tutor.tui.widgets.grade_runner import GradeRunner
from tutor.tui.widgets.hint_list import HintList
from tutor.tui.widgets.key_footer import KeyFooter
from tutor.tui.widgets.results_panel import ResultsPanel

if TYPE_CHECKING:
    from tutor.core.course import Exercise

TIME_FLUSH_S = 30.0


def instructions(exercise: Exercise, lang: str, path: object = None) -> str:
    """The task as Markdown: the starter's instructions in `lang`, the signatures to complete, where the file is."""
    es = lang == "es"
    spec = exercise.spec
    lines = [f"## {spec.title.get(lang)}", "",
             f"{spec.points} {'puntos' if es else 'points'} · {spec.runtime}"
             + (f" · {len(spec.hints.get(lang))} {'pistas' if es else 'hints'}"), ""]
    try:
        lines += as_markdown(starter_instructions(exercise, lang))
    except InstructionsError as exc:
        return "\n".join(lines + [f"*{exc}*"])
    if path is not None:
        lines += [f"{'Tu archivo' if es else 'Your file'}: `{path}` — "
                  + ("edítalo aquí o en tu editor; con vigilancia (ctrl+o) cada guardado se califica."
                     if es else "edit it here or in your own editor; in watch mode (ctrl+o) every save is graded."),
                  ""]
    return render_markdown("\n".join(lines))


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ExerciseScreen(TutorScreen):
    BINDINGS = [
        Binding("ctrl+s", "save_grade", "Save & grade"),
        Binding("ctrl+t", "hint", "Hint"),
        Binding("ctrl+o", "toggle_watch", "Watch"),
        Binding("f5", "solution", "Solution"),
        Binding("ctrl+b", "toggle_instructions", "Instructions"),
        # while grading, escape cancels even from inside the editor; otherwise the next line's Back
        Binding("escape", "cancel", "Cancel", priority=True),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, exercise: Exercise) -> None:
        super().__init__()
        self.exercise = exercise
        self.path = None
        self._saved_text = ""
        self._last_sha = ""
        self._pending = False
        self._clock = time.monotonic()
        self.watching = False

    # --- building ----------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        self.path = self.workspace.path_for(self.exercise)
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = ""
        except (OSError, UnicodeDecodeError) as exc:
            text = f"# {self.path}: {exc}\n"
        self._saved_text = text
        self._last_sha = _sha(text.encode("utf-8"))
        yield self.title_bar()
        with Horizontal(id="exercise-body"):
            with VerticalScroll(id="instructions"):
                yield Markdown(instructions(self.exercise, self.lang, self.path), id="instructions-text")
                steps = self._ladder()
                yield HintList(steps.rungs, self.store.hints_revealed(self.exercise.id), self.lang,
                               steps.misconception, id="hints")
            with Vertical(id="work"):
                yield Static("", id="file-bar", markup=False)
                yield CodeEditor(text, id="editor")
                yield ResultsPanel(self.lang, id="results")
        self.runner = GradeRunner(self.tutor.grader, id="runner")
        yield self.runner
        yield FileWatcher(self.path, also=(self.path.with_suffix(".ipynb"),), id="watcher")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.remember(f"exercise:{self.exercise.id}")
        self.tutor.warm(self.exercise)
        editor = self.query_one(CodeEditor)
        if self.app.is_headless:
            editor.cursor_blink = False  # steady frames for tests
        self._apply_editor_theme()
        self.app.theme_changed_signal.subscribe(self, lambda _: self._apply_editor_theme())
        editor.focus()
        if not self.path.exists():
            self.query_one(ResultsPanel).show_failure(self.tr(
                f"{self.path} does not exist: the starter is missing from the course.",
                f"{self.path} no existe: falta el archivo inicial en el curso."))
        self.query_one(ResultsPanel).solution_available = self.store.passed(self.exercise.id)
        self._show_last_result()
        if self.tutor.watch_files:
            self.set_watch(True, quiet=True)
        self.set_interval(TIME_FLUSH_S, self._flush_time)
        self._draw_title()
        self._draw_file_bar()

    def _show_last_result(self) -> None:
        """Reopening an exercise shows the checks of its last grade, not an empty panel."""
        from tutor.grading.result import GradeResult

        last = self.store.last_result(self.exercise.id)
        if last is None or not self.path.exists():
            return
        try:
            self.query_one(ResultsPanel).show_result(GradeResult.from_dict(last))
        except (ValueError, TypeError, KeyError):
            pass  # a result from an older schema: the next grade replaces it

    def _apply_editor_theme(self) -> None:
        dark = self.app.current_theme.dark if self.app.current_theme else True
        self.query_one(CodeEditor).theme = "css" if dark else "github_light"

    def relabel(self) -> None:
        super().relabel()
        self._draw_title()
        self._draw_file_bar()
        self.query_one("#instructions-text", Markdown).update(instructions(self.exercise, self.lang, self.path))
        self._draw_hints()
        self.query_one(ResultsPanel).relabel(self.lang)

    def _ladder(self) -> Ladder:
        return ladder(self.exercise.spec, self.lang, self.store.last_result(self.exercise.id))

    def _draw_hints(self) -> None:
        steps = self._ladder()
        self.query_one(HintList).set_state(steps.rungs, self.store.hints_revealed(self.exercise.id), self.lang,
                                           steps.misconception)

    def _draw_title(self) -> None:
        lesson = self.exercise.lesson
        assert lesson.manifest is not None
        p = self.store.exercise_progress(self.exercise.id)
        state = ""
        if p.attempts:
            state = self.tr(f"   best {round(p.best_score, 1):g}/{self.exercise.spec.points} · {p.attempts} tries",
                            f"   mejor {round(p.best_score, 1):g}/{self.exercise.spec.points} · {p.attempts} intentos")
            if p.passed:
                state = "   ✓" + state
        self.set_title(f"{lesson.number:02d} {lesson.manifest.title.get(self.lang)} › "
                       f"{self.exercise.spec.title.get(self.lang)}{state}")

    def _draw_file_bar(self) -> None:
        editor = self.query_one(CodeEditor)
        dirty = editor.text != self._saved_text
        parts = [self.tr("● unsaved", "● sin guardar") if dirty else self.tr("saved", "guardado"),
                 self.tr("watch on", "vigilando") if self.watching else self.tr("watch off", "sin vigilar"),
                 self.exercise.workspace_name]
        self.query_one("#file-bar", Static).update("  ·  ".join(parts))

    def on_text_area_changed(self, event: CodeEditor.Changed) -> None:
        self._draw_file_bar()

    # --- keys --------------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "solution":
            return True if self.store.passed(self.exercise.id) else None  # shown, disabled until passed
        if action in ("cancel", "back"):
            runner = getattr(self, "runner", None)
            running = runner is not None and runner.running
            return running if action == "cancel" else not running
        return True

    def action_save_grade(self) -> None:
        if self.save():
            self.grade()

    def save(self) -> bool:
        text = self.query_one(CodeEditor).text
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(text, encoding="utf-8")
        except OSError as exc:
            self.notify(self.tr(f"could not save {self.path}: {exc}", f"no se pudo guardar {self.path}: {exc}"),
                        severity="error", timeout=10)
            return False
        self._saved_text = text
        self._last_sha = _sha(text.encode("utf-8"))
        self._draw_file_bar()
        return True

    def action_hint(self) -> None:
        hints = self.exercise.spec.hints.get(self.lang)
        shown = self.store.hints_revealed(self.exercise.id)
        if shown >= len(hints):
            self.notify(self.tr("That was the last hint.", "Esa era la última pista."))
            return
        self.store.reveal_hint(self.exercise.id, shown)
        self._draw_hints()
        hint_list = self.query_one(HintList)
        self.query_one("#instructions", VerticalScroll).scroll_to_widget(hint_list, animate=False)

    def action_toggle_watch(self) -> None:
        self.set_watch(not self.watching)

    def set_watch(self, on: bool, quiet: bool = False) -> None:
        watcher = self.query_one(FileWatcher)
        if on:
            watcher.start()
        else:
            watcher.stop()
        self.watching = on
        self._draw_file_bar()
        if not quiet:
            self.notify(self.tr("Watch mode on: saving the file in any editor grades it.",
                                "Modo vigilancia: guardar el archivo en cualquier editor lo califica.")
                        if on else self.tr("Watch mode off.", "Modo vigilancia desactivado."))

    def action_toggle_instructions(self) -> None:
        panel = self.query_one("#instructions")
        panel.display = not panel.display

    def action_solution(self) -> None:
        if not self.store.passed(self.exercise.id):
            self.notify(self.tr("The solution opens once you pass.", "La solución se abre cuando apruebes."))
            return
        from tutor.tui.screens.solution import SolutionScreen

        self.app.push_screen(SolutionScreen(self.exercise, self.query_one(CodeEditor).text))

    def action_cancel(self) -> None:
        self._pending = False
        self.runner.cancel()
        self.notify(self.tr("Cancelling…", "Cancelando…"), timeout=2)

    def action_back(self) -> None:
        if self.query_one(CodeEditor).text != self._saved_text:
            from tutor.tui.screens.confirm import ConfirmScreen

            def chosen(answer: str | None) -> None:
                if answer == "save" and self.save():
                    self.app.pop_screen()
                elif answer == "discard":
                    self.app.pop_screen()

            self.app.push_screen(ConfirmScreen(
                self.tr(f"Save your changes to {self.path.name}?", f"¿Guardar tus cambios en {self.path.name}?"),
                [("save", self.tr("Save", "Guardar")), ("discard", self.tr("Discard", "Descartar")),
                 ("stay", self.tr("Stay", "Quedarme"))]), chosen)
            return
        self.app.pop_screen()

    # --- grading -----------------------------------------------------------------------------------
    def grade(self) -> None:
        runner = self.runner
        if runner.running:
            self._pending = True  # graded again as soon as this one ends
            return
        self.query_one(ResultsPanel).begin()
        runner.start(self.exercise, self.path, self.lang)
        self.refresh_bindings()

    def on_grade_runner_event(self, message: GradeRunner.Event) -> None:
        self.query_one(ResultsPanel).add_event(message.event)

    def on_grade_runner_finished(self, message: GradeRunner.Finished) -> None:
        result = message.result
        panel = self.query_one(ResultsPanel)
        if message.cancelled:
            panel.show_failure(self.tr("Grading cancelled.", "Calificación cancelada."))
        else:
            self.store.record_attempt(result.to_attempt(time.time()), result.to_dict())
            panel.solution_available = self.store.passed(self.exercise.id)
            panel.show_result(result)
            self._draw_hints()  # a recognised misconception now heads the hints
            self.notify(f"{status_label(self.lang, result.status)}  {round(result.score, 1):g}/{result.max_score:g}",
                        severity="information" if result.passed else "warning", timeout=4)
        self._draw_title()
        self.refresh_bindings()
        self._regrade_if_pending()

    def on_grade_runner_failed(self, message: GradeRunner.Failed) -> None:
        self.query_one(ResultsPanel).show_failure(message.message, message.detail)
        self.notify(message.message, severity="error", timeout=8)
        self.refresh_bindings()
        self._regrade_if_pending()

    def _regrade_if_pending(self) -> None:
        if self._pending:
            self._pending = False
            self.grade()

    # --- watch mode --------------------------------------------------------------------------------
    def on_file_watcher_changed(self, message: FileWatcher.Changed) -> None:
        if message.path != self.path:  # the exercise's notebook, saved in Jupyter: graded as it is
            self._grade_notebook(message.path)
            return
        try:
            data = self.path.read_bytes()
        except OSError:
            return  # mid-rename: the next event brings the new file
        sha = _sha(data)
        if sha == self._last_sha:
            return  # our own save, or no real change
        self._last_sha = sha
        editor = self.query_one(CodeEditor)
        text = data.decode("utf-8", errors="replace")
        if editor.text == self._saved_text:
            cursor = editor.cursor_location
            editor.load_text(text)
            last = max(0, editor.document.line_count - 1)
            editor.move_cursor((min(cursor[0], last), cursor[1]))
            self._saved_text = text
        else:
            self.notify(self.tr("The file changed on disk; your unsaved edits here are kept (ctrl+s overwrites).",
                                "El archivo cambió en disco; tus cambios sin guardar se conservan (ctrl+s lo sobrescribe)."),
                        severity="warning", timeout=8)
        self._draw_file_bar()
        self.grade()

    def _grade_notebook(self, path: Path) -> None:
        try:
            sha = _sha(path.read_bytes())
        except OSError:
            return
        if sha == getattr(self, "_notebook_sha", ""):
            return
        self._notebook_sha = sha
        if self.runner.running:
            return  # the next save grades it
        self.query_one(ResultsPanel).begin()
        self.runner.start(self.exercise, path, self.lang)
        self.refresh_bindings()

    def on_file_watcher_stopped(self, message: FileWatcher.Stopped) -> None:
        self.watching = False
        self._draw_file_bar()
        self.notify(self.tr(f"Watch mode stopped: {message.reason}", f"El modo vigilancia se detuvo: {message.reason}"),
                    severity="error", timeout=10)

    # --- time spent --------------------------------------------------------------------------------
    def _flush_time(self) -> None:
        now = time.monotonic()
        spent, self._clock = now - self._clock, now
        if spent > 0:
            self.store.add_time(self.exercise.id, spent)

    def on_screen_suspend(self) -> None:
        self._flush_time()

    def on_screen_resume(self) -> None:
        self._clock = time.monotonic()

    def on_unmount(self) -> None:
        self.runner.cancel()
        try:
            self._flush_time()
        except Exception:
            pass  # the app is closing and the store with it; at most the last seconds are lost
