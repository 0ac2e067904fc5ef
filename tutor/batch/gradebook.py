"""The gradebook: one SQLite file (WAL), one row per (student, exercise), written as each grade arrives.

Because every result is committed as it comes, a stopped batch resumes where it stopped: the next run skips a
(student, exercise) whose stored code has the same sha256 (unless --regrade). `infra` rows (the tutor's own
failure) never count as graded. WAL lets an instructor read the file while a batch writes it.
"""
from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from tutor.grading.result import GradeResult

SCHEMA_VERSION = 1
REFUSED = "refused"  # code_sha256 of a row whose file the tutor would not read (a link, a FIFO, too large)

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS grades (
    student      TEXT NOT NULL,
    exercise     TEXT NOT NULL,
    code_sha256  TEXT NOT NULL,          -- '' when the student handed in no file
    status       TEXT NOT NULL,
    score        REAL NOT NULL,
    max_score    REAL NOT NULL,
    duration_s   REAL NOT NULL,
    device       TEXT NOT NULL,
    message      TEXT NOT NULL,
    misconception TEXT,
    worker       TEXT NOT NULL,
    result_json  TEXT NOT NULL,          -- the full GradeResult (tutor.grading.result schema)
    graded_at    REAL NOT NULL,
    times_graded INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (student, exercise)
);
"""


class GradebookError(RuntimeError):
    """The file is not a gradebook this tutor can use."""


@dataclass(frozen=True)
class GradeRow:
    student: str
    exercise: str
    sha256: str
    result: GradeResult
    worker: str = ""
    graded_at: float = 0.0
    times_graded: int = 1

    @property
    def status(self) -> str:
        return self.result.status

    @property
    def score(self) -> float:
        return self.result.score

    @property
    def missing(self) -> bool:
        return self.sha256 == "" and self.result.status == "error"

    @property
    def refused(self) -> bool:
        return self.sha256 == REFUSED

    @property
    def graded(self) -> bool:
        """A grade ran for this row (not missing, not refused): its sandbox and device mean something."""
        return self.sha256 not in ("", REFUSED)

    @classmethod
    def from_task_row(cls, row: dict[str, Any]) -> GradeRow:
        return cls(row["student"], row["exercise"], row["sha256"], GradeResult.from_dict(row["result"]),
                   row.get("worker", ""), time.time())


class Gradebook:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
            found = self.db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if found is None:
                self.db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            elif found[0] != str(SCHEMA_VERSION):
                raise GradebookError(f"{self.path}: gradebook schema {found[0]}, this tutor writes "
                                     f"{SCHEMA_VERSION}; use another --gradebook file")
        except (sqlite3.DatabaseError, OSError) as exc:
            raise GradebookError(f"{self.path}: not a usable gradebook ({exc}); pass another --gradebook file") \
                from None

    def __enter__(self) -> Gradebook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def is_graded(self, student: str, exercise: str, sha256: str) -> bool:
        """Graded already: same student, exercise and code, with a verdict that is the student's own."""
        found = self.db.execute("SELECT code_sha256, status FROM grades WHERE student=? AND exercise=?",
                                (student, exercise)).fetchone()
        return found is not None and found[0] == sha256 and found[1] != "infra"

    def record(self, row: GradeRow) -> None:
        r = row.result
        misconception = r.misconception.id if r.misconception else None
        self.db.execute(
            """INSERT INTO grades (student, exercise, code_sha256, status, score, max_score, duration_s, device,
                                   message, misconception, worker, result_json, graded_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (student, exercise) DO UPDATE SET
                   code_sha256=excluded.code_sha256, status=excluded.status, score=excluded.score,
                   max_score=excluded.max_score, duration_s=excluded.duration_s, device=excluded.device,
                   message=excluded.message, misconception=excluded.misconception, worker=excluded.worker,
                   result_json=excluded.result_json, graded_at=excluded.graded_at,
                   times_graded=grades.times_graded + 1""",
            (row.student, row.exercise, row.sha256, r.status, r.score, r.max_score, r.duration_s, r.device,
             r.message, misconception, row.worker, json.dumps(r.to_dict(), ensure_ascii=False),
             row.graded_at or time.time()))

    def rows(self, students: Iterable[str] | None = None, exercises: Iterable[str] | None = None) -> list[GradeRow]:
        """Rows ordered by student then exercise, optionally only those of the given students and exercises."""
        want_s = set(students) if students is not None else None
        want_e = set(exercises) if exercises is not None else None
        out = []
        for student, exercise, sha, worker, result_json, graded_at, times in self.db.execute(
                "SELECT student, exercise, code_sha256, worker, result_json, graded_at, times_graded FROM grades "
                "ORDER BY student, exercise"):
            if (want_s is None or student in want_s) and (want_e is None or exercise in want_e):
                out.append(GradeRow(student, exercise, sha, GradeResult.from_dict(json.loads(result_json)),
                                    worker, graded_at, times))
        return out

    def count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM grades").fetchone()[0])
