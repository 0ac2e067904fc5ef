"""A class's submissions folder: one folder per student, holding a copy of their workspace (NN-slug/file.py)
or just their exercise files (file.py, or the notebook file.ipynb). Finds each student's file for each exercise and plans the batch.

Students write this folder, so it is read through `safe_files`: no link is followed, only regular files up to
1 MiB are read; anything else becomes an `error` row with a one-line reason and the rest of the class is graded.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.batch.gradebook import REFUSED, Gradebook, GradeRow
from tutor.batch.safe_files import Refusal, RefusedPath, open_dir_at, read_file_at
from tutor.batch.tasks import Task
from tutor.grading.result import GradeResult

if TYPE_CHECKING:
    from tutor.core.course import Exercise

MISSING_MESSAGE = "no file"
IGNORED_DIRS = {"__pycache__", "__MACOSX"}


class SubmissionsError(ValueError):
    """The submissions folder cannot be used (bad input)."""


def students(folder: Path) -> list[Path]:
    """Every student folder, by name; hidden and system folders are not students.

    A link in the student's place is listed too (never followed): planning refuses it with a reason.
    """
    if not folder.is_dir():
        raise SubmissionsError(f"{folder}: no such folder; pass the folder that holds one folder per student")
    with os.scandir(folder) as entries:
        found = sorted((Path(e.path) for e in entries
                        if (e.is_symlink() or e.is_dir(follow_symlinks=False))
                        and not e.name.startswith((".", "_")) and e.name not in IGNORED_DIRS),
                       key=lambda p: p.name)
    if not found:
        raise SubmissionsError(f"{folder} holds no student folders; put each student's files in a folder named "
                               "after the student (alice/01-tensors/broadcasting.py or alice/broadcasting.py)")
    return found


def _renumbered(student_fd: int, slug: str) -> list[str]:
    """Folders of a workspace made from an older numbering of the course: NN-slug, any NN."""
    return sorted(n for n in os.listdir(student_fd)
                  if n.endswith(f"-{slug}") and n.split("-", 1)[0].isdigit())


def _read_place(dir_fd: int, shown: str, exercise: Exercise) -> tuple[str, bytes] | None:
    """The exercise's file in one folder: `adam.py`, or the notebook `adam.ipynb`. With both there, the .py wins
    unless it is still the untouched starter (a workspace copy beside the notebook the student worked in)."""
    from tutor.grading.submission import MAX_NOTEBOOK_BYTES

    name = exercise.spec.file
    notebook_name = Path(name).with_suffix(".ipynb").name
    source = read_file_at(dir_fd, name, f"{shown}/{name}" if shown else name)
    if source is not None and not _is_starter(source, exercise):
        return name, source
    notebook = read_file_at(dir_fd, notebook_name, f"{shown}/{notebook_name}" if shown else notebook_name,
                            limit=MAX_NOTEBOOK_BYTES)
    if notebook is not None:
        return notebook_name, notebook
    return (name, source) if source is not None else None


def _is_starter(source: bytes, exercise: Exercise) -> bool:
    try:
        return exercise.starter.read_bytes() == source
    except OSError:
        return False


def read_submission_safely(student_fd: int, student: str, exercise: Exercise) -> tuple[str, bytes] | None:
    """(file name, bytes) of the student's file for the exercise, or None when there is none.

    Looks in the workspace layout (NN-slug/file.py), then a renumbered lesson (any NN), then flat (file.py), through
    `safe_files`: the first place that holds something decides, and a link or special file there raises RefusedPath.
    In each place a notebook (file.ipynb) stands for the .py file (see `_read_place`).
    """
    folders = [exercise.lesson.dirname] + [d for d in _renumbered(student_fd, exercise.lesson.slug)
                                           if d != exercise.lesson.dirname]
    for folder in folders:
        fd = open_dir_at(student_fd, folder, f"{student}/{folder}")
        if fd is None:
            continue
        try:
            found = _read_place(fd, f"{student}/{folder}", exercise)
        finally:
            os.close(fd)
        if found is not None:
            return found
    return _read_place(student_fd, student, exercise)


def missing_row(student: str, exercise: Exercise) -> GradeRow:
    result = GradeResult(exercise=exercise.id, status="error", score=0.0, max_score=float(exercise.spec.points),
                         message=MISSING_MESSAGE)
    return GradeRow(student, exercise.id, "", result, worker="")


def needs_gpu(exercise: Exercise, device: str) -> bool:
    """Only TensorFlow exercises whose manifest allows any device go to GPU workers, and only on request."""
    spec = exercise.spec
    return device == "gpu" and spec.device == "any" and spec.runtime != "numpy"


@dataclass
class Plan:
    tasks: list[Task] = field(default_factory=list)
    missing: list[GradeRow] = field(default_factory=list)  # recorded without grading
    refused: list[GradeRow] = field(default_factory=list)  # links, special files, too large: recorded, never read
    skipped: int = 0  # graded already with the same code
    students: list[str] = field(default_factory=list)
    exercises: list[str] = field(default_factory=list)
    max_scores: dict[str, float] = field(default_factory=dict)


def refused_row(student: str, exercise: Exercise, refusal: Refusal, lang: str) -> GradeRow:
    """A row for a file the tutor would not read: status error, one line saying why, nothing of the file."""
    result = GradeResult(exercise=exercise.id, status="error", score=0.0, max_score=float(exercise.spec.points),
                         message=refusal.message(lang))
    return GradeRow(student, exercise.id, REFUSED, result, worker="")


def plan_batch(folder: Path, exercises: list[Exercise], book: Gradebook, *, regrade: bool = False,
               device: str = "auto", lang: str = "en", extra_roots: tuple[str, ...] = (),
               require_sandbox: bool = False) -> Plan:
    plan = Plan(exercises=[e.id for e in exercises], max_scores={e.id: float(e.spec.points) for e in exercises})
    listed = students(folder)
    folder_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)  # the instructor's own path
    try:
        for student_dir in listed:
            student = student_dir.name
            plan.students.append(student)
            try:
                student_fd = open_dir_at(folder_fd, student, student)
            except RefusedPath as refused:
                plan.refused += [refused_row(student, e, refused.refusal, lang) for e in exercises]
                continue
            if student_fd is None:  # gone since it was listed
                plan.refused += [refused_row(student, e, Refusal(student, "unreadable", "no such folder"), lang)
                                 for e in exercises]
                continue
            try:
                _plan_student(plan, student, student_fd, exercises, book, regrade, device, lang, extra_roots,
                              require_sandbox)
            finally:
                os.close(student_fd)
    finally:
        os.close(folder_fd)
    return plan


def _plan_student(plan: Plan, student: str, student_fd: int, exercises: list[Exercise], book: Gradebook,
                  regrade: bool, device: str, lang: str, extra_roots: tuple[str, ...], require_sandbox: bool) -> None:
    for exercise in exercises:
        try:
            found = read_submission_safely(student_fd, student, exercise)
        except RefusedPath as refused:
            plan.refused.append(refused_row(student, exercise, refused.refusal, lang))
            continue
        if found is None:
            if regrade or not book.is_graded(student, exercise.id, ""):
                plan.missing.append(missing_row(student, exercise))
            else:
                plan.skipped += 1
            continue
        file_name, source = found
        sha = hashlib.sha256(source).hexdigest()
        if not regrade and book.is_graded(student, exercise.id, sha):
            plan.skipped += 1
            continue
        gpu = needs_gpu(exercise, device)
        plan.tasks.append(Task(student=student, exercise=exercise.id, lesson_root=str(exercise.lesson.root.resolve()),
                               lesson_dir=exercise.lesson.dirname, file_name=file_name, source=source,
                               sha256=sha, device="gpu" if gpu else "auto", lang=lang,
                               extra_roots=extra_roots, needs_gpu=gpu, require_sandbox=require_sandbox))
