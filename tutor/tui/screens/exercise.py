"""An exercise: instructions and hints, the learner's file in an editor, grading with live results.

ctrl+s saves and grades. In watch mode a save from any other editor regrades too. Grading runs in a worker
thread (GradeRunner) and reports through messages, so the screen never blocks; escape cancels a long training.
"""
from __future__ import annotations

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
from tutor.tui.screens.exercise_disk import DiskSync, sha256_of
from tutor.tui.strings import status_label, tries
from tutor.tui.widgets.code_editor import CodeEditor
from tutor.tui.widgets.file_watcher import FileWatcher
from tutor.tui.widgets.grade_runner import GradeRunner
from tutor.tui.widgets.hint_list import HintList
from tutor.tui.widgets.key_footer import KeyFooter
from tutor.tui.widgets.results_panel import ResultsPanel

if TYPE_CHECKING:
    from tutor.core.course import Exercise

TIME_FLUSH_S = 30.0
DISK_POLL_S = 1.0  # a stat() a second notices outside writes even where the watcher thread cannot run


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



class ExerciseScreen(DiskSync, TutorScreen):
    # below 110 columns the instructions and the work take turns at full width (ctrl+b) instead of sharing it
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("ctrl+s", "save_grade", "Save & grade"),
        Binding("ctrl+t", "hint", "Hint"),
        Binding("ctrl+o", "toggle_watch", "Watch", show=False),  # the file bar shows the mode and this key
        Binding("f5", "solution", "Solution"),
        Binding("ctrl+b", "toggle_instructions", "Task"),  # the instructions and hints pane
        Binding("e", "edit", "Edit"),  # shown only while the editor does not have the focus (after escape)
        # while grading, escape cancels even from inside the editor; otherwise the next line's Back
        Binding("escape", "cancel", "Cancel", priority=True),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, exercise: Exercise) -> None:
        super().__init__()
        self.exercise = exercise
        self.path = None
        self._saved_text = ""
        self._last_sha = ""  # what the editor last loaded from or wrote to disk
        self._seen_sha = ""  # a newer version on disk the learner chose not to take (saving backs it up)
        self._disk_stat: tuple[int, int] | None = None
        self._asking = False
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
        self._last_sha = sha256_of(text.encode("utf-8"))
        yield self.title_bar()
        with Horizontal(id="exercise-body"):
            with VerticalScroll(id="instructions"):
                yield Static(self._to_editor_text(), id="to-editor", markup=False)
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
        editor.soft_wrap = self.narrow
        self.app.theme_changed_signal.subscribe(self, lambda _: self._apply_editor_theme())
        # a first visit on a narrow terminal starts with the task; later visits with the code
        first_visit = not self.store.exercise_progress(self.exercise.id).attempts
        self.show_instructions(self.app.size.width >= 110 or first_visit, focus=False)
        (editor if self.app.size.width >= 110 or not first_visit else self.query_one("#instructions")).focus()
        if not self.path.exists():
            self.query_one(ResultsPanel).show_failure(self.tr(
                f"{self.path} does not exist: the starter is missing from the course.",
                f"{self.path} no existe: falta el archivo inicial en el curso."))
        self.query_one(ResultsPanel).solution_available = self.store.passed(self.exercise.id)
        self._show_last_result()
        if self.tutor.watch_files:
            self.set_watch(True, quiet=True)
        self.set_interval(TIME_FLUSH_S, self._flush_time)
        self._disk_stat = self._stat()
        self.query_one(FileWatcher).start()  # in both modes: an outside write is always noticed
        self.set_interval(DISK_POLL_S, self._poll_disk)
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

    def _to_editor_text(self) -> str:
        return self.tr("ctrl+b: to the editor (and back to these instructions)",
                       "ctrl+b: al editor (y de vuelta a estas instrucciones)")

    def relabel(self) -> None:
        super().relabel()
        self.query_one("#to-editor", Static).update(self._to_editor_text())
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
            state = (self.tr("   best ", "   mejor ") + f"{round(p.best_score, 1):g}/{self.exercise.spec.points} · "
                     + tries(self.lang, p.attempts))
            if p.passed:
                state = "   ✓" + state
        self.set_title(f"{lesson.number:02d} {lesson.manifest.title.get(self.lang)} › "
                       f"{self.exercise.spec.title.get(self.lang)}{state}")

    def _draw_file_bar(self) -> None:
        editor = self.query_one(CodeEditor)
        dirty = editor.text != self._saved_text
        if self._seen_sha:
            state = self.tr("⚠ newer file on disk (ctrl+s keeps a backup)", "⚠ archivo más nuevo en disco (ctrl+s guarda copia)")
        else:
            state = self.tr("● unsaved", "● sin guardar") if dirty else self.tr("saved", "guardado")
        parts = [state,
                 self.tr("watch on (ctrl+o)", "vigilando (ctrl+o)") if self.watching
                 else self.tr("watch off (ctrl+o)", "sin vigilar (ctrl+o)")]
        if not self.narrow:  # a narrow screen has the file's name in the instructions (ctrl+b)
            parts.append(self.exercise.workspace_name)
        if not editor.has_focus:  # after escape: say how to get back
            parts.insert(0, self.tr("e: back to the editor", "e: volver al editor"))
        elif not self.has_class("-instructions"):
            parts.append(self.tr("ctrl+b: task & hints", "ctrl+b: tarea y pistas"))
        self.query_one("#file-bar", Static).update(" · ".join(parts))

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_width)  # after the breakpoint classes follow the new width

    def _fit_width(self) -> None:
        # below 110 columns long lines wrap (under their line number) rather than run off the right edge
        self.query_one(CodeEditor).soft_wrap = self.narrow
        self._draw_file_bar()

    def on_text_area_changed(self, event: CodeEditor.Changed) -> None:
        self._draw_file_bar()

    # --- keys --------------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "solution":
            return True  # before a pass it says why it is not open yet
        if action == "edit":
            editor = self.query(CodeEditor)
            if self.narrow and self.has_class("-instructions"):
                return False  # ctrl+b, said at the top of the instructions, goes to the editor there
            return bool(editor) and not editor.first().has_focus
        if action in ("cancel", "back"):
            runner = getattr(self, "runner", None)
            running = runner is not None and runner.running
            return running if action == "cancel" else not running
        return True

    def action_save_grade(self) -> None:
        if self.save():
            self.grade()

    def save(self) -> bool:
        """Write the editor's text; a version on disk newer than the one loaded is backed up first."""
        text = self.query_one(CodeEditor).text
        data = text.encode("utf-8")
        backup = None
        try:
            try:
                current = self.path.read_bytes()
            except FileNotFoundError:
                current = None
            if current is not None and current != data and sha256_of(current) != self._last_sha:
                backup = self.workspace.backup(self.exercise, current)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_bytes(data)
        except OSError as exc:
            self.notify(self.tr(f"could not save {self.path}: {exc}", f"no se pudo guardar {self.path}: {exc}"),
                        severity="error", timeout=10)
            return False
        self._saved_text = text
        self._last_sha, self._seen_sha = sha256_of(data), ""
        self._disk_stat = self._stat()
        self._draw_file_bar()
        if backup is not None:
            self.notify(self.tr(f"The file on disk was newer than your text; that version is kept at {backup}",
                                f"El archivo en disco era más nuevo que tu texto; esa versión quedó en {backup}"),
                        severity="warning", timeout=12)
        return True

    def action_edit(self) -> None:
        self.query_one(CodeEditor).focus()

    def on_descendant_focus(self) -> None:
        self._draw_file_bar()
        self.refresh_bindings()

    def on_descendant_blur(self) -> None:
        self.call_after_refresh(self._draw_file_bar)

    def action_hint(self) -> None:
        hints = self.exercise.spec.hints.get(self.lang)
        shown = self.store.hints_revealed(self.exercise.id)
        if shown >= len(hints):
            self.notify(self.tr("That was the last hint.", "Esa era la última pista."))
            return
        self.store.reveal_hint(self.exercise.id, shown)
        self._draw_hints()
        self.show_instructions(True)  # a hint revealed is a hint seen, even with the instructions hidden
        hint_list = self.query_one(HintList)
        self.query_one("#instructions", VerticalScroll).scroll_to_widget(hint_list, animate=False)

    def action_toggle_watch(self) -> None:
        self.set_watch(not self.watching)

    def set_watch(self, on: bool, quiet: bool = False) -> None:
        self.watching = on  # the watcher always runs; watch mode decides whether an outside save is graded
        self._draw_file_bar()
        if not quiet:
            self.notify(self.tr("Watch mode on: saving the file in any editor grades it.",
                                "Modo vigilancia: guardar el archivo en cualquier editor lo califica.")
                        if on else self.tr("Watch mode off: outside saves reload the file but are not graded.",
                                           "Vigilancia desactivada: un guardado externo recarga el archivo sin calificarlo."))

    def action_toggle_instructions(self) -> None:
        self.show_instructions(not self.has_class("-instructions"))

    @property
    def narrow(self) -> bool:
        return self.has_class("-narrow") or self.app.size.width < 110

    def show_instructions(self, on: bool, focus: bool = True) -> None:
        self.set_class(on, "-instructions")
        self._draw_file_bar()
        self.refresh_bindings()
        if focus and self.narrow:  # the pane that just took the screen takes the keys too
            (self.query_one("#instructions") if on else self.query_one(CodeEditor)).focus()

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
                    # even a discard keeps the text in the backups: one wrong key must not lose an hour
                    self.workspace.backup(self.exercise, self.query_one(CodeEditor).text.encode("utf-8"))
                    self.app.pop_screen()

            self.app.push_screen(ConfirmScreen(
                self.tr(f"Save your changes to {self.path.name}?", f"¿Guardar tus cambios en {self.path.name}?"),
                [("stay", self.tr("Stay", "Quedarme")), ("save", self.tr("Save", "Guardar")),
                 ("discard", self.tr("Discard", "Descartar"))], default="stay",
                note=self.tr("←/→ choose · enter confirms · discarded text goes to .tutor/backups/",
                             "←/→ elegir · enter confirma · lo descartado va a .tutor/backups/")), chosen)
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
            panel.scroll_home(animate=False)
            self._draw_hints()  # a recognised misconception now heads the hints
            if not panel.region.area:  # the results are out of sight (narrow, instructions shown): say it here
                self.notify(f"{status_label(self.lang, result.status)}  {round(result.score, 1):g}/{result.max_score:g}"
                            + self.tr("  — ctrl+b shows the results", "  — ctrl+b muestra los resultados"),
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

    # --- the file on disk ------------------------------------------------------------------------
    def on_file_watcher_stopped(self, message: FileWatcher.Stopped) -> None:
        # the once-a-second check still notices outside saves; only the instant reaction is gone
        self.notify(self.tr(f"The file watcher stopped ({message.reason}); outside saves are checked once a second.",
                            f"El vigilante de archivos se detuvo ({message.reason}); se comprueba una vez por segundo."),
                    severity="warning", timeout=10)

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
