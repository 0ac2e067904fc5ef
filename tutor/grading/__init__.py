"""The grading engine. A `Grader` (tutor/grading/grader.py) owns the grading path; `grade()` is a one-shot
convenience. The heavy parts are imported when first used, so `tutor --help` stays light."""
from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from tutor.core.course import Exercise
    from tutor.grading.grader import Grader
    from tutor.grading.result import GradeResult
    from tutor.grading.sandbox import ZygotePool


def grade(exercise: Exercise, path: Path | str, *, device: str = "auto", backend: str = "tensorflow",
          on_event: Callable[[dict], None] | None = None, lang: str = "en", pool: ZygotePool | None = None,
          cancel: threading.Event | None = None, reference: Path | None = None,
          detect_misconceptions: bool = True, trusted_in_process: bool = False) -> GradeResult:
    """See tutor.grading.engine.grade."""
    from tutor.grading.engine import grade as _grade

    return _grade(exercise, path, device=device, backend=backend, on_event=on_event, lang=lang, pool=pool,
                  cancel=cancel, reference=reference, detect_misconceptions=detect_misconceptions,
                  trusted_in_process=trusted_in_process)


def make_grader(course_roots: tuple[Path, ...] = (), workspace: Path | None = None, *, warm: bool = True,
                in_process: bool = False) -> Grader:
    """A Grader (imported lazily): one per process."""
    from tutor.grading.grader import Grader

    return Grader(course_roots, workspace, warm=warm, in_process=in_process)
