"""The Textual app: `tutor start` runs `run_app`.

Start-up imports only what the course map needs; the other screens, the Markdown renderer, the editor, the
plots and the grading engine load when first used. After the first screen, a background thread starts the
warm grading workers (zygotes) so the first grade is fast. Grading runs in worker threads; this process never
imports TensorFlow (the engine runs the learner's code in sandboxed subprocesses).
"""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive

from tutor.core.progress import ProgressStore
from tutor.tui.screens.course_map import CourseMapScreen

if TYPE_CHECKING:
    from tutor.core.course import Course, Exercise
    from tutor.core.workspace import Workspace
    from tutor.grading.grader import Grader

THEMES = {"dark": "textual-dark", "light": "textual-light"}


class TutorApp(App[int]):
    CSS_PATH = "tutor.tcss"
    TITLE = "Tensor Tutor"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # screens lay out for 80 columns first
    ENABLE_COMMAND_PALETTE = False  # every action has a key in the footer and in help (f1)
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("f2", "switch_lang", "Language", show=False),  # listed in help (f1), which also switches
        Binding("f3", "toggle_theme", "Theme", show=False),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    lang: reactive[str] = reactive("en", init=False)

    def __init__(self, course: Course, workspace: Workspace, lang: str = "en", *, grader: Grader,
                 warm: bool = True, watch: bool = True, welcome: bool = True) -> None:
        super().__init__()
        self.course, self.workspace = course, workspace
        self.set_reactive(TutorApp.lang, lang if lang in ("en", "es") else "en")
        self.warm_workers, self.watch_files, self.welcome = warm, watch, welcome
        self.store = ProgressStore(workspace.database)
        self._grader = grader  # given, warm, owned and closed by the caller (`tutor start`, a test)

    def on_mount(self) -> None:
        theme = self.store.state("theme", "dark")
        self.theme = THEMES.get(theme or "dark", "textual-dark")
        if self.store.moved_aside is not None:
            from tutor.core.i18n import pick

            moved = self.store.moved_aside
            self.notify(pick(self.lang, f"the progress database was unreadable; it was moved to {moved}",
                             f"la base de datos de progreso no se podía leer; se movió a {moved}"),
                        severity="warning", timeout=15)
        self.push_screen(CourseMapScreen())
        if self.welcome and self.store.state("welcomed") is None:
            from tutor.tui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen())
        # after the first frame: the learner sees the map while the rest loads
        self.call_after_refresh(self._preload)
        if self.warm_workers:
            self.call_after_refresh(self._warm_in_background)

    def on_unmount(self) -> None:
        self.store.close()

    # --- grading workers ------------------------------------------------------------------------------
    def grader(self) -> Grader:
        """The one Grader this app grades with; its warm workers start on first use."""
        return self._grader

    def warm(self, exercise: Exercise) -> None:
        """Start (in the background) the worker an exercise will grade in."""
        if not self.warm_workers:
            return

        def start() -> None:
            try:
                self.grader().warm_up(exercise)
            except Exception:
                pass  # the grade itself starts the worker again and reports any error

        threading.Thread(target=start, name="tutor-warm", daemon=True).start()

    def _preload(self) -> None:
        """Import what a lesson and a quiz need (the math renderer, the Markdown widget) in the background,
        so the first lesson opened does not wait for them."""
        def load() -> None:
            import tutor.core.mathtext  # noqa: F401
            import textual.widgets._markdown  # noqa: F401

        threading.Thread(target=load, name="tutor-preload", daemon=True).start()

    def _warm_in_background(self) -> None:
        from tutor.core.journey import next_position, summarize

        wanted = next_position(summarize(self.course, self.store)) or ""
        exercises = self.course.exercises
        target = next((e for e in exercises if wanted == f"exercise:{e.id}"), None)
        if target is None:
            lesson = wanted.partition(":")[2]
            target = next((e for e in exercises if e.lesson.slug == lesson), exercises[0] if exercises else None)
        if target is not None:
            self.warm(target)

    # --- navigation -----------------------------------------------------------------------------------
    def open_position(self, position: str) -> None:
        kind, _, ident = position.partition(":")
        try:
            if kind == "lesson":
                from tutor.tui.screens.lesson import LessonScreen

                self.push_screen(LessonScreen(self.course.lesson(ident)))
            elif kind == "quiz":
                from tutor.tui.screens.quiz import QuizScreen

                self.push_screen(QuizScreen(self.course.lesson(ident)))
            elif kind == "exercise":
                from tutor.tui.screens.exercise import ExerciseScreen

                self.push_screen(ExerciseScreen(self.course.exercise(ident)))
        except LookupError as exc:  # a position saved by an older course: say so, stay on the map
            from tutor.core.i18n import said

            self.notify(said(exc, self.lang), severity="warning")

    def open_progress(self) -> None:
        from tutor.tui.screens.progress import ProgressScreen

        self.push_screen(ProgressScreen())

    def action_help(self) -> None:
        from tutor.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_switch_lang(self) -> None:
        self.set_lang("es" if self.lang == "en" else "en")

    def set_lang(self, lang: str) -> None:
        if lang == self.lang:
            return
        self.lang = lang
        for screen in self.screen_stack:
            relabel = getattr(screen, "relabel", None)
            if relabel is not None:
                screen.call_later(relabel)  # some relabel() are async; call_later awaits those
        self.notify("English" if lang == "en" else "Español", timeout=2)

    def action_toggle_theme(self) -> None:
        self.set_theme("light" if self.theme == THEMES["dark"] else "dark")

    def set_theme(self, name: str) -> None:
        self.theme = THEMES[name]
        self.store.set_state("theme", name)


def run_app(course: Course, workspace: Workspace, lang: str = "en", *, grader: Grader, **options: Any) -> int:
    app = TutorApp(course, workspace, lang, grader=grader, **options)
    app.run()
    return app.return_code or 0
