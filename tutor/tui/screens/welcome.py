"""The first run's welcome: what this is, the three keys that matter, where the files are, the language."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tutor.tui.strings import tr

WELCOMED_KEY = "welcomed"


class WelcomeScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "start", "Start"),
        Binding("f2", "switch_lang", "Language", show=False),
        Binding("left,up", "app.focus_previous", show=False),
        Binding("right,down", "app.focus_next", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="welcome-box"):
            yield Static("", id="welcome-text")
            with Horizontal(id="welcome-buttons"):
                yield Button("", id="welcome-start", variant="primary")
                yield Button("", id="welcome-lang")

    def on_mount(self) -> None:
        self.relabel()
        self.query_one("#welcome-start", Button).focus()

    @property
    def lang(self) -> str:
        return getattr(self.app, "lang", "en")

    def relabel(self) -> None:
        lang = self.lang
        root = self.app.workspace.root  # type: ignore[attr-defined]
        text = Text()
        text.append(tr(lang, "Welcome to Tensor Tutor\n\n", "Bienvenido a Tensor Tutor\n\n"), style="bold")
        text.append(tr(lang, "A deep-learning course in your terminal: lessons to read, a quiz after each, and "
                             "exercises whose code is graded as soon as you save it.\n\n",
                       "Un curso de deep learning en tu terminal: lecciones para leer, un cuestionario tras "
                       "cada una y ejercicios cuyo código se califica en cuanto lo guardas.\n\n"))
        text.append(tr(lang, "Three keys are enough:\n", "Bastan tres teclas:\n"), style="bold")
        for key, en, es in (("enter", "open the chosen row (n: the next thing to do)",
                             "abrir la fila elegida (n: lo siguiente que toca)"),
                            ("esc", "go back", "volver"),
                            ("F1", "help: every key, the language, the theme",
                             "ayuda: todas las teclas, el idioma, el tema")):
            text.append(f"  {key:<6}", style="bold yellow")
            text.append(tr(lang, en, es) + "\n")
        text.append("\n" + tr(lang, "Your files: ", "Tus archivos: "), style="bold")
        text.append(f"{root}\n")
        text.append(tr(lang, "one .py per exercise; edit them here or in your own editor. Backups go to "
                             ".tutor/backups/.\n\n",
                       "un .py por ejercicio; edítalos aquí o en tu editor. Las copias de seguridad van a "
                       ".tutor/backups/.\n\n"))
        text.append(tr(lang, "Language: ", "Idioma: "), style="bold")
        text.append(tr(lang, "English — F2 switches to Spanish at any time.",
                       "español — F2 cambia a inglés en cualquier momento."))
        self.query_one("#welcome-text", Static).update(text)
        self.query_one("#welcome-start", Button).label = tr(lang, "Start →", "Empezar →")
        self.query_one("#welcome-lang", Button).label = "Español" if lang == "en" else "English"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "welcome-lang":
            self.action_switch_lang()
        else:
            self.action_start()

    def action_switch_lang(self) -> None:
        self.app.action_switch_lang()  # type: ignore[attr-defined]  # calls relabel() on this screen too

    def action_start(self) -> None:
        self.app.store.set_state(WELCOMED_KEY, "1")  # type: ignore[attr-defined]
        self.dismiss(None)
