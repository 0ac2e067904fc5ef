"""A class's submissions folder: one folder per student, holding a copy of their workspace (NN-slug/file.py)
or just their exercise files (file.py). Finds each student's file for each exercise and plans the batch.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.batch.gradebook import Gradebook, GradeRow
from tutor.batch.tasks import Task
from tutor.grading.result import GradeResult

if TYPE_CHECKING:
    from tutor.core.course import Exercise

MISSING_MESSAGE = "no file"
IGNORED_DIRS = {"__pycache__", "__MACOSX"}


class SubmissionsError(ValueError):
    """The submissions folder cannot be used (bad input)."""


def students(folder: Path) -> list[Path]:
    """Every student folder, by name; hidden and system folders are not students."""
    if not folder.is_dir():
        raise SubmissionsError(f"{folder}: no such folder; pass the folder that holds one folder per student")
    found = sorted((p for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
                    and p.name not in IGNORED_DIRS), key=lambda p: p.name)
    if not found:
        raise SubmissionsError(f"{folder} holds no student folders; put each student's files in a folder named "
                               "after the student (alice/01-tensors/broadcasting.py or alice/broadcasting.py)")
    return found


def locate(student_dir: Path, exercise: Exercise) -> Path | None:
    """The student's file for the exercise: workspace layout first, then a renumbered lesson, then flat."""
    exact = student_dir / exercise.workspace_name
    if exact.is_file():
        return exact
    # A workspace made from an older numbering of the course: any NN with the same slug.
    for candidate in sorted(student_dir.glob(f"*-{exercise.lesson.slug}/{exercise.spec.file}")):
        if candidate.is_file() and candidate.parent.name.split("-", 1)[0].isdigit():
            return candidate
    flat = student_dir / exercise.spec.file
    return flat if flat.is_file() else None


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
    skipped: int = 0  # graded already with the same code
    students: list[str] = field(default_factory=list)
    exercises: list[str] = field(default_factory=list)
    max_scores: dict[str, float] = field(default_factory=dict)


def plan_batch(folder: Path, exercises: list[Exercise], book: Gradebook, *, regrade: bool = False,
               device: str = "auto", lang: str = "en", extra_roots: tuple[str, ...] = ()) -> Plan:
    plan = Plan(exercises=[e.id for e in exercises], max_scores={e.id: float(e.spec.points) for e in exercises})
    for student_dir in students(folder):
        student = student_dir.name
        plan.students.append(student)
        for exercise in exercises:
            path = locate(student_dir, exercise)
            source = None
            if path is not None:
                try:
                    source = path.read_bytes()
                except OSError:
                    source = None  # unreadable counts as not handed in; the row says so
            if source is None:
                if regrade or not book.is_graded(student, exercise.id, ""):
                    plan.missing.append(missing_row(student, exercise))
                else:
                    plan.skipped += 1
                continue
            sha = hashlib.sha256(source).hexdigest()
            if not regrade and book.is_graded(student, exercise.id, sha):
                plan.skipped += 1
                continue
            gpu = needs_gpu(exercise, device)
            plan.tasks.append(Task(student=student, exercise=exercise.id, lesson_root=str(exercise.lesson.root.resolve()),
                                   lesson_dir=exercise.lesson.dirname, file_name=path.name, source=source,
                                   sha256=sha, device="gpu" if gpu else "auto", lang=lang,
                                   extra_roots=extra_roots, needs_gpu=gpu))
    return plan
