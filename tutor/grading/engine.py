"""`grade()`: one grade with a Grader made for it (scripts and tests). A running tutor, batch grading and lesson
check hold one Grader each (tutor/grading/grader.py) instead."""
from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from tutor.grading.devices import DeviceError
from tutor.grading.grader import Grader
from tutor.grading.result import GradeResult
from tutor.grading.sandbox import Hidden, ZygotePool
from tutor.grading.submission import Submission, SubmissionFileError

if TYPE_CHECKING:
    from tutor.core.course import Exercise


def read_submission(path: Path) -> bytes:
    return Submission.read(path).data


def grade(exercise: Exercise, path: Path | str, *, device: str = "auto", backend: str = "tensorflow",
          on_event: Callable[[dict], None] | None = None, lang: str = "en", pool: ZygotePool | None = None,
          cancel: threading.Event | None = None, reference: Path | None = None,
          detect_misconceptions: bool = True, trusted_in_process: bool = False) -> GradeResult:
    """Grade the file at `path` for `exercise` (see Grader.grade). With `pool`, warm; else cold, the trusted
    grader in this process when `trusted_in_process` (a one-shot process only, never inside another pytest)."""
    grader = Grader((exercise.lesson.root,), pool=pool, warm=pool is not None, in_process=trusted_in_process)
    return grader.grade(exercise, Path(path), lang=lang, device=device, backend=backend, on_event=on_event,
                        cancel=cancel, reference=reference, detect_misconceptions=detect_misconceptions)


__all__ = ["grade", "Grader", "SubmissionFileError", "DeviceError", "Hidden"]
