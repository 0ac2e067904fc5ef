"""The exercise screen's side of the learner's file on disk: notice a write from outside (another editor, git,
`tutor reset`, a notebook saved in Jupyter) in both watch modes, and never lose either version."""
from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from tutor.tui.widgets.code_editor import CodeEditor
from tutor.tui.widgets.file_watcher import FileWatcher
from tutor.tui.widgets.results_panel import ResultsPanel

if TYPE_CHECKING:
    from pathlib import Path


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class DiskSync:
    """Mixed into ExerciseScreen, which provides `path`, `store`, `workspace`, `tr`, `_asking` and the editor."""

    def _stat(self) -> tuple[int, int] | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def _poll_disk(self) -> None:
        stat = self._stat()
        if stat != self._disk_stat:
            self._disk_stat = stat
            self.check_disk()

    def on_file_watcher_changed(self, message: FileWatcher.Changed) -> None:
        if message.path != self.path:  # the exercise's notebook, saved in Jupyter: graded as it is
            self._grade_notebook(message.path)
            return
        self._disk_stat = self._stat()
        self.check_disk()

    def check_disk(self) -> None:
        """Notice a write from outside (another editor, git, `tutor reset`) whether or not watch mode is on."""
        if self._asking:
            return
        try:
            data = self.path.read_bytes()
        except OSError:
            return  # mid-rename: the next event brings the new file
        sha = sha256_of(data)
        if sha in (self._last_sha, self._seen_sha):
            return  # our own save, no real change, or a version the learner already chose not to take
        text = data.decode("utf-8", errors="replace")
        if self.query_one(CodeEditor).text == self._saved_text:
            self._take_disk(text, sha)
            if not self.watching:
                self.notify(self.tr(f"{self.path.name} changed on disk; reloaded.",
                                    f"{self.path.name} cambió en disco; recargado."), timeout=4)
        else:
            self._ask_about_disk(text, sha)

    def _take_disk(self, text: str, sha: str) -> None:
        editor = self.query_one(CodeEditor)
        cursor = editor.cursor_location
        editor.load_text(text)
        last = max(0, editor.document.line_count - 1)
        editor.move_cursor((min(cursor[0], last), cursor[1]))
        self._saved_text = text
        self._last_sha, self._seen_sha = sha, ""
        self._draw_file_bar()
        if self.watching:
            self.grade()

    def _ask_about_disk(self, text: str, sha: str) -> None:
        from tutor.tui.screens.confirm import ConfirmScreen

        self._asking = True

        def chosen(answer: str | None) -> None:
            nonlocal text, sha
            self._asking = False
            try:  # the file may have changed again while the question was open (or was caught mid-write)
                data = self.path.read_bytes()
                text, sha = data.decode("utf-8", errors="replace"), sha256_of(data)
            except OSError:
                pass
            if answer == "file":
                backup = self.workspace.backup(self.exercise, self.query_one(CodeEditor).text.encode("utf-8"))
                self._take_disk(text, sha)
                self.notify(self.tr(f"Your unsaved text is kept at {backup}", f"Tu texto sin guardar quedó en {backup}"),
                            timeout=10)
            elif answer == "compare":
                from tutor.tui.screens.compare import CompareScreen

                self._asking = True
                self.app.push_screen(CompareScreen(self.path.name, self.query_one(CodeEditor).text, text),
                                     lambda _: self._reask(text, sha))
            else:  # keep mine (also escape): the newer file is backed up when the learner saves
                self._seen_sha = sha
                self._draw_file_bar()

        self.app.push_screen(ConfirmScreen(
            self.tr(f"{self.path.name} changed on disk, and you have unsaved edits here.",
                    f"{self.path.name} cambió en disco y aquí tienes cambios sin guardar."),
            [("mine", self.tr("Keep mine", "Conservar el mío")), ("file", self.tr("Take the file's", "Tomar el del disco")),
             ("compare", self.tr("Compare", "Comparar"))], default="mine",
            note=self.tr("Keep mine: saving backs up the file's version. Take the file's: your text goes to "
                         ".tutor/backups/.", "Conservar el mío: al guardar se respalda la versión del disco. "
                         "Tomar el del disco: tu texto va a .tutor/backups/.")), chosen)

    def _reask(self, text: str, sha: str) -> None:
        self._asking = False
        self._ask_about_disk(text, sha)

    def _grade_notebook(self, path: Path) -> None:
        try:
            sha = sha256_of(path.read_bytes())
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
