"""Grading off the UI thread: a worker thread calls the engine and reports with messages.

The engine runs the learner's code in sandboxed subprocesses; this process never imports TensorFlow. Events
(check-started, check-finished, epoch, status) arrive while grading; Finished or Failed ends each run.
"""
from __future__ import annotations

import threading
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from textual import work
from textual.message import Message
from textual.widget import Widget

if TYPE_CHECKING:
    from tutor.core.course import Exercise
    from tutor.grading.grader import Grader
    from tutor.grading.result import GradeResult


class GradeRunner(Widget):
    """Invisible; owns the grading worker. At most one grade runs at a time."""

    class Event(Message):
        def __init__(self, event: dict) -> None:
            super().__init__()
            self.event = event

    class Finished(Message):
        def __init__(self, result: GradeResult, cancelled: bool) -> None:
            super().__init__()
            self.result, self.cancelled = result, cancelled

    class Failed(Message):
        """The grade could not happen at all (unreadable file, impossible device, a bug): shown, not hidden."""

        def __init__(self, message: str, detail: str) -> None:
            super().__init__()
            self.message, self.detail = message, detail

    def __init__(self, grader: Callable[[], Grader], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._grader = grader
        self._cancel: threading.Event | None = None
        self.running = False

    def start(self, exercise: Exercise, path: Path, lang: str) -> bool:
        """Begin grading; False when a grade is already running."""
        if self.running:
            return False
        self.running = True
        self._cancel = threading.Event()
        self._grade(exercise, path, lang, self._cancel)
        return True

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    @work(thread=True, exclusive=False, group="grade", exit_on_error=False)
    def _grade(self, exercise: Exercise, path: Path, lang: str, cancel: threading.Event) -> None:
        try:
            from tutor.grading.devices import DeviceError
            from tutor.grading.submission import SubmissionFileError

            result = self._grader().grade(exercise, path, lang=lang, cancel=cancel,
                                          on_event=lambda e: self.post_message(self.Event(e)))
        except (SubmissionFileError, DeviceError) as exc:
            from tutor.core.i18n import said

            self.post_message(self.Failed(said(exc, lang), ""))
        except Exception as exc:  # a bug in the tutor: show it whole so it can be reported
            self.post_message(self.Failed(f"{type(exc).__name__}: {exc}", traceback.format_exc()))
        else:
            self.post_message(self.Finished(result, cancel.is_set()))
        finally:
            self.running = False
