"""The lesson reader: the lesson's Markdown with its math as Unicode; it remembers how far the learner read.

The screen draws at once with a "loading" line; the text is read and its math converted in a worker thread
(the first conversion imports the math renderer, a second or more on a slow machine), then shown.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Markdown

from tutor.core.i18n import count
from tutor.core.mathtext import render_markdown
from tutor.tui.screens.base import TutorScreen
from tutor.tui.widgets.contents import Contents
from tutor.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from tutor.core.course import Lesson


def lesson_text(lesson: Lesson, lang: str) -> tuple[str, str | None]:
    """The lesson's Markdown (math converted) and a note when it is not in the wanted language."""
    other = "es" if lang == "en" else "en"
    for candidate in (lang, other):
        path = lesson.text_path(candidate)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            continue
        except (OSError, UnicodeDecodeError) as exc:
            return f"**{path}**: {exc}", None
        note = None
        if candidate != lang:
            note = ("*Esta lección aún no está en español; se muestra en inglés.*" if lang == "es" else
                    "*This lesson is not in English yet; it is shown in Spanish.*")
        return render_markdown(text), note
    summary = lesson.manifest.summary.get(lang) if lesson.manifest else ""
    empty = ("*Esta lección aún no tiene texto.*" if lang == "es" else "*This lesson has no text yet.*")
    return f"# {lesson.manifest.title.get(lang) if lesson.manifest else lesson.slug}\n\n{summary}\n\n{empty}\n", None


FIRST_PART_CHARS = 2500  # about two screens of text: shown first, the rest appended after that frame


def split_for_first_frame(document: str) -> tuple[str, str]:
    """The document cut at the first section heading after FIRST_PART_CHARS (Textual mounts a long lesson's
    hundreds of blocks slowly; the learner reads the first part meanwhile)."""
    cut = document.find("\n## ", FIRST_PART_CHARS)
    return (document, "") if cut < 0 else (document[: cut + 1], document[cut + 1:])


class LessonScreen(TutorScreen):
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("n", "next", "Next"),
        Binding("t", "contents", "Contents"),
    ]

    class Loaded(Message):
        """The lesson's document, ready to show, in the language it was made for."""

        def __init__(self, document: str, lang: str) -> None:
            super().__init__()
            self.document, self.lang = document, lang

    def __init__(self, lesson: Lesson) -> None:
        super().__init__()
        self.lesson = lesson
        self._read = False
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield self.title_bar(self._title())
        markdown = Markdown(self.tr("*Loading the lesson…*", "*Cargando la lección…*"), id="lesson-text")
        with Horizontal(id="reader-body"):
            toc = Contents(id="contents")
            toc.display = False
            yield toc
            with VerticalScroll(id="reader"):
                yield markdown
        yield KeyFooter()

    def _title(self) -> str:
        assert self.lesson.manifest is not None
        return f"{self.lesson.number:02d} {self.lesson.manifest.title.get(self.lang)}"

    def _document(self) -> str:
        text, note = lesson_text(self.lesson, self.lang)
        return (f"{note}\n\n{text}" if note else text) + self._next_step()

    def _next_step(self) -> str:
        """The lesson's last lines say what comes next and which key goes there."""
        manifest = self.lesson.manifest
        if manifest is None:
            return ""
        if manifest.quiz:
            questions = count(self.lang, len(manifest.quiz), "question")
            what = self.tr(f"the quiz ({questions})", f"el cuestionario ({questions})")
        elif self.lesson.exercises:
            title = self.lesson.exercises[0].spec.title.get(self.lang)
            what = self.tr(f"the exercise “{title}”", f"el ejercicio «{title}»")
        else:
            return ""
        return "\n\n---\n\n" + self.tr(f"**Next: {what}** — press **n**. (esc: back to the course map)",
                                          f"**Siguiente: {what}** — pulsa **n**. (esc: volver al mapa del curso)") + "\n"

    def on_mount(self) -> None:
        self.remember(f"lesson:{self.lesson.slug}")
        self.query_one("#reader", VerticalScroll).focus()
        self._load()

    @work(thread=True, exclusive=True, group="lesson-text", exit_on_error=False)
    def _load(self) -> None:
        self.post_message(self.Loaded(self._document(), self.lang))

    async def on_lesson_screen_loaded(self, message: Loaded) -> None:
        if message.lang != self.lang:
            return  # the language changed meanwhile; the newer load follows
        markdown = self.query_one(Markdown)
        head, tail = split_for_first_frame(message.document)
        await markdown.update(head)
        if tail:
            self.call_after_refresh(self._append, tail, message.lang)
        else:
            self._done_loading()

    async def _append(self, tail: str, lang: str) -> None:
        if lang == self.lang:
            await self.query_one(Markdown).append(tail)
            self._done_loading()

    def _done_loading(self) -> None:
        if not self.loaded:  # only now can the saved place be found, and the end be reached
            self.loaded = True
            viewer = self.query_one("#reader", VerticalScroll)
            self.watch(viewer, "scroll_y", self._scrolled, init=False)
            saved = self.store.state(f"scroll:{self.lesson.slug}")
            self.set_timer(0.05, lambda: self._restore(float(saved or 0)))

    def _restore(self, y: float) -> None:
        viewer = self.query_one("#reader", VerticalScroll)
        if y:
            viewer.scroll_to(y=y, animate=False)
        self._scrolled(viewer.scroll_y)

    def _scrolled(self, y: float) -> None:
        viewer = self.query_one("#reader", VerticalScroll)
        if not self._read and y >= viewer.max_scroll_y - 1:
            self._read = True  # read to the end (or it fits on one screen)
            self.store.mark_read(self.lesson.slug)

    def on_unmount(self) -> None:
        if not self.loaded:
            return  # left before the text came: the saved place stays as it was
        try:
            y = self.query_one("#reader", VerticalScroll).scroll_y
        except Exception:
            return
        self.store.set_state(f"scroll:{self.lesson.slug}", str(int(y)))

    def relabel(self) -> None:
        super().relabel()
        self.set_title(self._title())
        self._load()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_next(self) -> None:
        assert self.lesson.manifest is not None
        self.store.mark_read(self.lesson.slug)
        self.app.pop_screen()
        if self.lesson.manifest.quiz:
            self.tutor.open_position(f"quiz:{self.lesson.slug}")
        elif self.lesson.exercises:
            self.tutor.open_position(f"exercise:{self.lesson.exercises[0].id}")

    def action_contents(self) -> None:
        toc = self.query_one(Contents)
        toc.display = not toc.display
        (toc if toc.display else self.query_one("#reader")).focus()

    def on_markdown_table_of_contents_updated(self, message: Markdown.TableOfContentsUpdated) -> None:
        message.stop()
        self.query_one(Contents).set_entries(message.table_of_contents)

    def on_contents_selected(self, message: Contents.Selected) -> None:
        message.stop()
        block = self.query_one(Markdown).query_one(f"#{message.block_id}")
        self.query_one("#reader", VerticalScroll).scroll_to_widget(block, top=True)
