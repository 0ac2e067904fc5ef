"""Help: every key of every screen, the language switch and the themes."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from tutor.tui.screens.base import TutorScreen
from tutor.tui.strings import key_label, key_name
from tutor.tui.widgets.key_footer import KeyFooter


def _screens(app_type: type) -> list[tuple[str, str, type]]:
    from tutor.tui.screens.course_map import CourseMapScreen
    from tutor.tui.screens.exercise import ExerciseScreen
    from tutor.tui.screens.lesson import LessonScreen
    from tutor.tui.screens.progress import ProgressScreen
    from tutor.tui.screens.quiz import QuizScreen

    return [("Everywhere", "En todas partes", app_type), ("Course map", "Mapa del curso", CourseMapScreen),
            ("Lesson", "Lección", LessonScreen), ("Quiz", "Cuestionario", QuizScreen),
            ("Exercise", "Ejercicio", ExerciseScreen), ("Progress", "Progreso", ProgressScreen)]


EXTRA_KEYS = [  # keys handled by widgets rather than screen bindings
    ("Quiz", "enter", "Check the answer; again on a right answer: the next question",
     "Comprobar la respuesta; de nuevo con una respuesta correcta: la siguiente pregunta"),
    ("Quiz", "space", "Tick ☐/☑ a choice when several may be right", "Marcar ☐/☑ una opción cuando puede haber varias"),
    ("Exercise", "escape", "In the editor: leave the editor; then: back (asks to save changes)",
     "En el editor: salir del editor; luego: volver (pregunta si guardar)"),
    ("Exercise", "tab", "In the editor: indent", "En el editor: sangría"),
    ("Exercise", "ctrl+a, f7", "In the editor: select all", "En el editor: seleccionar todo"),
    ("Exercise", "shift+←→↑↓", "In the editor: select", "En el editor: seleccionar"),
    ("Exercise", "ctrl+c ctrl+x ctrl+v", "In the editor: copy, cut, paste", "En el editor: copiar, cortar, pegar"),
    ("Exercise", "ctrl+z ctrl+y", "In the editor: undo, redo", "En el editor: deshacer, rehacer"),
]


class HelpScreen(TutorScreen):
    BINDINGS = [
        Binding("l", "language", "Language"),
        Binding("t", "theme", "Theme"),
        Binding("escape", "back", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield self.title_bar()
        with VerticalScroll(id="help-body"):
            with Horizontal(id="help-switches"):
                yield Button("English", id="lang-en")
                yield Button("Español", id="lang-es")
                yield Button("", id="theme-dark")
                yield Button("", id="theme-light")
            yield Static("", id="help-keys")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.relabel()
        self.query_one("#help-body").focus()

    def relabel(self) -> None:
        super().relabel()
        self.set_title(self.tr("Help — keys, language, theme", "Ayuda — teclas, idioma, tema"))
        self.query_one("#theme-dark", Button).label = self.tr("Dark theme", "Tema oscuro")
        self.query_one("#theme-light", Button).label = self.tr("Light theme", "Tema claro")
        for lang in ("en", "es"):
            self.query_one(f"#lang-{lang}", Button).variant = "primary" if self.lang == lang else "default"
        self.query_one("#help-keys", Static).update(self._keys_table())

    def _keys_table(self) -> Table:
        table = Table(box=None, show_header=False, padding=(0, 2), expand=False)
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for en, es, cls in _screens(type(self.app)):
            table.add_row(Text(self.tr(en, es), style="bold underline"), "")
            for binding in cls.BINDINGS:
                if getattr(binding, "description", ""):
                    table.add_row(binding.key, key_label(self.lang, binding.description))
            for screen, key, ken, kes in EXTRA_KEYS:
                if screen == en:
                    table.add_row(key_name(self.lang, key), self.tr(ken, kes))
            table.add_row("", "")
        table.add_row(Text(self.tr("Mouse", "Ratón"), style="bold underline"), "")
        table.add_row(self.tr("click", "clic"), self.tr("open a row, press a button or a key in the footer",
                                       "abrir una fila, pulsar un botón o una tecla del pie"))
        return table

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button = str(event.button.id)
        if button.startswith("lang-"):
            self.tutor.set_lang(button.removeprefix("lang-"))
        elif button.startswith("theme-"):
            self.tutor.set_theme(button.removeprefix("theme-"))

    def action_language(self) -> None:
        self.tutor.action_switch_lang()

    def action_theme(self) -> None:
        self.tutor.action_toggle_theme()

    def action_back(self) -> None:
        self.app.pop_screen()
