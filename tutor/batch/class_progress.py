"""What the learners' own tutors recorded, read from a class folder of workspaces (the folder `tutor serve
--tokens` fills, or handed-in workspace copies): attempts, hints revealed, time spent, when each exercise passed.

Students can write these files, so each database is opened only through `safe_files` checks (no link followed,
a regular file), read-only and without touching its folder (SQLite's immutable mode when the read-only open
fails), and read as evidence: a learner who edits their own database edits their own report line.
"""
from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from tutor.batch.safe_files import open_dir_at


@dataclass(frozen=True)
class LearnerExercise:
    attempts: int  # graded attempts that were the learner's own (not the tutor's infra failures)
    hints: int
    seconds: float  # time the tutor measured with the exercise open
    attempts_to_pass: int | None  # the attempt that first passed (1-based), None when never
    seconds_to_pass: float | None  # from the first attempt to the first pass (wall clock)
    scores: tuple[float, ...]  # every attempt's score, in order: the learner's curve


def _database(student_folder: Path) -> Path | None:
    """The student's .tutor/progress.sqlite3 when it is a regular file reached without links."""
    try:
        fd = os.open(student_folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        state = open_dir_at(fd, ".tutor", f"{student_folder.name}/.tutor")
    except Exception:
        return None
    finally:
        os.close(fd)
    if state is None:
        return None
    try:
        info = os.stat("progress.sqlite3", dir_fd=state, follow_symlinks=False)
    except OSError:
        return None
    finally:
        os.close(state)
    db = student_folder / ".tutor" / "progress.sqlite3"
    return db if stat.S_ISREG(info.st_mode) else None


def _connect(db: Path) -> sqlite3.Connection | None:
    for query in ("mode=ro", "immutable=1"):
        try:
            conn = sqlite3.connect(f"file:{db}?{query}", uri=True, timeout=5)
            conn.execute("SELECT COUNT(*) FROM attempts").fetchone()
            return conn
        except sqlite3.Error:
            continue
    return None


def read_learner(student_folder: Path) -> dict[str, LearnerExercise] | None:
    """Exercise id -> what the learner's tutor recorded; None when the folder holds no readable progress."""
    db = _database(student_folder)
    conn = _connect(db) if db is not None else None
    if conn is None:
        return None
    try:
        attempts: dict[str, list[tuple[float, str, float]]] = {}
        for exercise, at, status, score in conn.execute(
                "SELECT exercise, at, status, score FROM attempts WHERE status != 'infra' ORDER BY id"):
            attempts.setdefault(str(exercise), []).append((float(at), str(status), float(score)))
        hints = {str(e): int(n) for e, n in conn.execute("SELECT exercise, COUNT(*) FROM hints GROUP BY exercise")}
        try:
            spent = {str(e): float(s) for e, s in conn.execute("SELECT exercise, seconds FROM time_spent")}
        except sqlite3.Error:
            spent = {}
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    out = {}
    for exercise in set(attempts) | set(hints) | set(spent):
        rows = attempts.get(exercise, [])
        first_pass = next((n for n, (_, status, _) in enumerate(rows) if status == "passed"), None)
        out[exercise] = LearnerExercise(
            attempts=len(rows), hints=hints.get(exercise, 0), seconds=spent.get(exercise, 0.0),
            attempts_to_pass=None if first_pass is None else first_pass + 1,
            seconds_to_pass=None if first_pass is None else max(0.0, rows[first_pass][0] - rows[0][0]),
            scores=tuple(score for _, _, score in rows))
    return out


def read_class(folder: Path, students: list[str]) -> dict[str, dict[str, LearnerExercise]]:
    """Student -> exercise -> record, for the students whose folder holds a readable progress database."""
    out = {}
    for student in students:
        record = read_learner(folder / student)
        if record is not None:
            out[student] = record
    return out
