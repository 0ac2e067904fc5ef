"""Notices when the learner's file is written by any other program and says so with a message.

It runs in both watch modes: the exercise screen reloads or asks, and grades only in watch mode.
"""
from __future__ import annotations

import threading
from pathlib import Path

from textual import work
from textual.message import Message
from textual.widget import Widget


class FileWatcher(Widget):
    """Invisible; a worker thread waits on the file's folder (editors often save by renaming a new file)."""

    class Changed(Message):
        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    class Stopped(Message):
        """The watcher could not run (e.g. no inotify); the screen's once-a-second check remains."""

        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    def __init__(self, path: Path, also: tuple[Path, ...] = (), **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.path = path
        self.also = also  # files beside it that stand for it, e.g. the exercise's notebook
        self._stop = threading.Event()
        self.active = False

    def start(self) -> None:
        if self.active:
            return
        self._stop = threading.Event()
        self.active = True
        self._watch(self._stop)

    def stop(self) -> None:
        self._stop.set()
        self.active = False

    def on_unmount(self) -> None:
        self._stop.set()

    @work(thread=True, group="watch", exit_on_error=False)
    def _watch(self, stop: threading.Event) -> None:
        try:
            from watchfiles import watch

            watched = {p.resolve(): p for p in (self.path, *self.also)}
            for changes in watch(self.path.resolve().parent, stop_event=stop, debounce=150, step=50,
                                 recursive=False, raise_interrupt=False):
                changed = {Path(p).resolve() for _, p in changes}
                for target, path in watched.items():
                    if target in changed:
                        self.post_message(self.Changed(path))
        except Exception as exc:  # shown to the learner; grading by ctrl+s still works
            if not stop.is_set():
                self.post_message(self.Stopped(f"{type(exc).__name__}: {exc}"))
