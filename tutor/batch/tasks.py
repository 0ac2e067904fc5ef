"""One grading job as plain data, and the function that grades it wherever it runs (a local worker process
or a Dask worker).

The submission's bytes travel inside the task, so a worker needs the course (a shared folder or an installed
course package) and the tutor, but never the class's submissions folder. `run_task` turns every outcome into a
row: a grade never raises out of it, so one bad submission can never stop a batch.
"""
from __future__ import annotations

import os
import socket
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.core.course import Exercise
    from tutor.grading.result import GradeResult
    from tutor.grading.grader import Grader


@dataclass(frozen=True)
class Task:
    student: str
    exercise: str  # "lesson/exercise"
    lesson_root: str  # where the lesson was found on the submitting machine
    lesson_dir: str  # NN-slug
    file_name: str  # the name the learner's file has (messages quote it)
    source: bytes = field(repr=False)
    sha256: str
    device: str = "auto"  # what grade() is asked for: "gpu" only for exercises routed to GPU workers
    lang: str = "en"
    extra_roots: tuple[str, ...] = ()  # --course roots, for a worker that has the course elsewhere
    needs_gpu: bool = False
    require_sandbox: bool = False  # `tutor grade` without --allow-unsandboxed: no bubblewrap here, no grade

    @property
    def key(self) -> tuple[str, str]:
        return (self.student, self.exercise)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def row_for(task: Task, result: GradeResult) -> dict[str, Any]:
    return {"student": task.student, "exercise": task.exercise, "sha256": task.sha256,
            "result": result.to_dict(), "worker": worker_name()}


def infra_result(exercise: str, max_score: float, message: str, sha256: str = "") -> GradeResult:
    """The tutor's own failure: recorded so the instructor sees it, graded again on the next run."""
    from tutor.grading.result import GradeResult

    return GradeResult(exercise=exercise, status="infra", score=0.0, max_score=max_score,
                       message=f"the tutor could not grade this (not the student's fault): {message}",
                       code_sha256=sha256)


def run_task(task: Task) -> dict[str, Any]:
    """Grade one submission in this process; always returns a row, never raises."""
    from tutor.grading.devices import DeviceError
    from tutor.grading.submission import SubmissionFileError

    try:
        exercise = _exercise(task)
    except LookupError as exc:
        return row_for(task, infra_result(task.exercise, 0.0, f"this worker has no such exercise ({exc})",
                                          task.sha256))
    max_score = float(exercise.spec.points)
    if task.require_sandbox and not _has_full_sandbox():
        # The planning machine had bubblewrap, this worker has not: never grade unconfined without being asked.
        return row_for(task, infra_result(task.exercise, max_score, f"the grading machine {socket.gethostname()} "
                                          "has no working bubblewrap; install it (sudo apt-get install bubblewrap) "
                                          "or grade with --allow-unsandboxed", task.sha256))
    with tempfile.TemporaryDirectory(prefix="tutor-batch-") as tmp:
        # The file keeps the learner's name so that messages and tracebacks quote it as they know it.
        path = Path(tmp) / task.file_name
        path.write_bytes(task.source)
        try:
            # The instructor's gradebook keeps every check whole; student-facing exports apply the visibility.
            result = _grader(task, exercise).grade(exercise, path, device=task.device, lang=task.lang,
                                                   reveal_hidden=True)
        except SubmissionFileError as exc:
            from tutor.grading.result import GradeResult

            message = exc.text(task.lang).replace(str(path), f"{task.student}/{task.file_name}")
            result = GradeResult(exercise=task.exercise, status="error", score=0.0, max_score=max_score,
                                 message=message, code_sha256=task.sha256)
        except DeviceError as exc:
            result = infra_result(task.exercise, max_score, str(exc), task.sha256)
        except Exception as exc:  # the engine's own bug: visible in the gradebook, retried next run
            result = infra_result(task.exercise, max_score, f"{type(exc).__name__}: {exc}", task.sha256)
    return row_for(task, result)


def _has_full_sandbox() -> bool:
    from tutor.grading.sandbox import bwrap_path

    return bwrap_path() is not None


# --- per-process state: the course and one pool of warm zygotes, reused by every task ----------------

_LOCK = threading.Lock()
_GRADERS: dict[tuple[str, ...], Grader] = {}
_LESSONS: dict[tuple[str, str], Any] = {}


def _exercise(task: Task) -> Exercise:
    from tutor.core.course import load_course, load_lesson

    root = Path(task.lesson_root)
    if (root / "exercises" / task.lesson_dir / "lesson.toml").is_file():
        key = (task.lesson_root, task.lesson_dir)
        with _LOCK:
            lesson = _LESSONS.get(key)
            if lesson is None:
                lesson = _LESSONS[key] = load_lesson(root, task.lesson_dir)
        for exercise in lesson.exercises if lesson is not None else ():
            if exercise.id == task.exercise:
                return exercise
    # A cluster worker may hold the course at another path (an installed course package): look it up by id.
    return load_course(list(task.extra_roots)).exercise(task.exercise)


def _grader(task: Task, exercise: Exercise) -> Grader:
    """This worker process's Grader for the task's course (warm, reused by every task)."""
    from tutor.core.course import course_roots
    from tutor.grading.grader import Grader

    # Absolute paths: bubblewrap cannot hide a relative folder (it would fail to start the sandbox).
    key = tuple(sorted({str(exercise.lesson.root.resolve()), *task.extra_roots}))
    with _LOCK:
        grader = _GRADERS.get(key)
        if grader is None:
            roots = {Path(k) for k in key} | {r.resolve() for r in course_roots(list(task.extra_roots))}
            grader = _GRADERS[key] = Grader(tuple(sorted(roots)))
    return grader
