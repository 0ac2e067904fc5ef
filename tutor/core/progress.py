"""Progress in SQLite: attempts, quiz answers, hints, lessons read, last position.

WAL and a busy timeout let two tutor processes share one workspace; each write is one short transaction, so a
process killed mid-write loses at most that write. A file that SQLite cannot read is moved aside, never wiped.

Every attempt row is signed (HMAC-SHA256, `tutor.core.signing`, key in `progress.key` beside the database).
Only signed rows count as passed and for the best score; a row with a missing or wrong signature is ignored
(and counted as tampered), except rows that were in the database when signing arrived (schema 3): those stay
readable as attempts but unlock nothing.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tutor.core.signing import load_or_create_key, sign, verify

MIGRATIONS: tuple[str, ...] = (
    # 1: the first schema
    """
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        exercise TEXT NOT NULL,
        at REAL NOT NULL,
        status TEXT NOT NULL,
        score REAL NOT NULL,
        max_score REAL NOT NULL,
        duration_s REAL NOT NULL,
        device TEXT NOT NULL,
        code_sha256 TEXT NOT NULL,
        result_json TEXT
    );
    CREATE INDEX attempts_exercise ON attempts(exercise);
    CREATE TABLE quiz_answers (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        lesson TEXT NOT NULL,
        question TEXT NOT NULL,
        at REAL NOT NULL,
        answer TEXT NOT NULL,
        correct INTEGER NOT NULL
    );
    CREATE TABLE hints (
        exercise TEXT NOT NULL,
        hint_index INTEGER NOT NULL,
        at REAL NOT NULL,
        PRIMARY KEY (exercise, hint_index)
    );
    CREATE TABLE lessons_read (
        lesson TEXT PRIMARY KEY,
        at REAL NOT NULL
    );
    CREATE TABLE state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 2: time spent per exercise, measured by the TUI while an exercise is open
    """
    CREATE TABLE time_spent (
        exercise TEXT PRIMARY KEY,
        seconds REAL NOT NULL
    );
    """,
    # 3: signed attempts; rows already here stay unsigned (readable, never passed): remember where they end
    """
    ALTER TABLE attempts ADD COLUMN result_sha256 TEXT;
    ALTER TABLE attempts ADD COLUMN signature TEXT;
    INSERT OR REPLACE INTO state (key, value)
        SELECT 'unsigned_attempts_up_to', CAST(COALESCE(MAX(id), 0) AS TEXT) FROM attempts;
    """,
)
KEY_FILE = "progress.key"
SIGNED, UNSIGNED, TAMPERED = "signed", "unsigned", "tampered"  # how a row's signature checks out
SCHEMA_VERSION = len(MIGRATIONS)


# The columns a signature covers, in order, after the row id and the signature itself.
_SIGNED_COLUMNS = ("id, signature, exercise, at, status, score, max_score, duration_s, device, code_sha256,"
                   " result_sha256")
_FIELDS = 9
_STATUS, _SCORE, _MAX_SCORE, _RESULT_SHA = 4, 5, 6, 10  # positions in a row of _SIGNED_COLUMNS


def _sha(text: str | None) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest() if text is not None else ""


@dataclass(frozen=True)
class Attempt:
    exercise: str
    at: float
    status: str
    score: float
    max_score: float
    duration_s: float
    device: str
    code_sha256: str


@dataclass(frozen=True)
class ExerciseProgress:
    exercise: str
    attempts: int
    best_score: float
    max_score: float
    passed: bool
    hints_used: int
    seconds: float
    last_status: str | None
    tampered: int = 0  # rows with a missing or wrong signature: ignored
    unsigned: int = 0  # rows from before signing: attempts, never passed


class ProgressStore:
    """One connection per store; open it where it is used (threads each open their own)."""

    def __init__(self, path: Path, *, timeout_s: float = 30.0, key_path: Path | None = None) -> None:
        self.path = path
        self.moved_aside: Path | None = None
        path.parent.mkdir(parents=True, exist_ok=True)
        self._key = load_or_create_key(key_path or path.with_name(KEY_FILE))
        try:
            self._conn = self._open(timeout_s)
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise
            self.moved_aside = self._move_aside()
            self._conn = self._open(timeout_s)

    def _open(self, timeout_s: float) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=timeout_s, isolation_level=None, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(timeout_s * 1000)}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("quick_check failed")
            self._migrate(conn)
        except Exception:
            conn.close()
            raise
        return conn

    def _move_aside(self) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            src = Path(str(self.path) + suffix)
            if src.exists():
                src.rename(Path(str(target) + suffix))
        return target

    @staticmethod
    def _migrate(conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise RuntimeError(f"progress database is schema {version}, newer than this tutor ({SCHEMA_VERSION}); "
                               "upgrade the tutor")
        for number in range(version, SCHEMA_VERSION):
            conn.execute("BEGIN IMMEDIATE")
            try:
                # Another process may have migrated while we waited for the lock.
                if conn.execute("PRAGMA user_version").fetchone()[0] != number:
                    conn.execute("ROLLBACK")
                    continue
                for statement in MIGRATIONS[number].split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number + 1}")
                conn.execute("COMMIT")
            except Exception:
                conn.execute("ROLLBACK")
                raise

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writes: one statement, one transaction ---------------------------------------------------

    def record_attempt(self, attempt: Attempt, result: dict[str, Any] | None = None) -> None:
        result_json = json.dumps(result) if result is not None else None
        result_sha = _sha(result_json)
        fields = (attempt.exercise, float(attempt.at), attempt.status, float(attempt.score), float(attempt.max_score),
                  float(attempt.duration_s), attempt.device, attempt.code_sha256, result_sha)
        self._conn.execute(
            "INSERT INTO attempts (exercise, at, status, score, max_score, duration_s, device, code_sha256,"
            " result_sha256, result_json, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*fields, result_json, sign(self._key, fields)),
        )

    def record_quiz_answer(self, lesson: str, question: str, answer: str, correct: bool) -> None:
        self._conn.execute("INSERT INTO quiz_answers (lesson, question, at, answer, correct) VALUES (?, ?, ?, ?, ?)",
                           (lesson, question, time.time(), answer, int(correct)))

    def reveal_hint(self, exercise: str, index: int) -> None:
        self._conn.execute("INSERT OR IGNORE INTO hints (exercise, hint_index, at) VALUES (?, ?, ?)",
                           (exercise, index, time.time()))

    def mark_read(self, lesson: str) -> None:
        self._conn.execute("INSERT OR REPLACE INTO lessons_read (lesson, at) VALUES (?, ?)", (lesson, time.time()))

    def set_state(self, key: str, value: str) -> None:
        self._conn.execute("INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)", (key, value))

    def learner_seed(self) -> str:
        """A random id made once per workspace: each learner sees quiz choices in their own order, always the same."""
        seed = self.state("learner-seed")
        if seed is None:
            import uuid

            seed = uuid.uuid4().hex
            self.set_state("learner-seed", seed)
        return seed

    def add_time(self, exercise: str, seconds: float) -> None:
        self._conn.execute("INSERT INTO time_spent (exercise, seconds) VALUES (?, ?) "
                           "ON CONFLICT(exercise) DO UPDATE SET seconds = seconds + excluded.seconds",
                           (exercise, seconds))

    # --- reads -------------------------------------------------------------------------------------

    def state(self, key: str, default: str | None = None) -> str | None:
        row = self._conn.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def attempts(self, exercise: str | None = None) -> list[Attempt]:
        sql = "SELECT exercise, at, status, score, max_score, duration_s, device, code_sha256 FROM attempts"
        rows = self._conn.execute(sql + (" WHERE exercise = ? ORDER BY id" if exercise else " ORDER BY id"),
                                  (exercise,) if exercise else ()).fetchall()
        return [Attempt(*row) for row in rows]

    def last_result(self, exercise: str) -> dict[str, Any] | None:
        """The newest stored grade result of an exercise (as GradeResult.to_dict() wrote it), or None; a tampered
        row, or a signed row whose stored result is not the one it was signed with, is skipped."""
        up_to = self._unsigned_up_to()
        for row in self._conn.execute(f"SELECT {_SIGNED_COLUMNS}, result_json FROM attempts WHERE exercise = ?"
                                      " AND result_json IS NOT NULL ORDER BY id DESC", (exercise,)):
            how, result_json = self._check(row, up_to), row[-1]
            if how == TAMPERED or (how == SIGNED and row[_RESULT_SHA] != _sha(result_json)):
                continue
            try:
                return json.loads(result_json)
            except (TypeError, ValueError):
                return None
        return None

    def attempt_results(self, exercise: str) -> list[dict[str, Any]]:
        """Every stored grade result of an exercise, oldest first, skipping the rows last_result() would skip."""
        up_to = self._unsigned_up_to()
        out = []
        for row in self._conn.execute(f"SELECT {_SIGNED_COLUMNS}, result_json FROM attempts WHERE exercise = ?"
                                      " AND result_json IS NOT NULL ORDER BY id", (exercise,)):
            how, result_json = self._check(row, up_to), row[-1]
            if how == TAMPERED or (how == SIGNED and row[_RESULT_SHA] != _sha(result_json)):
                continue
            try:
                out.append(json.loads(result_json))
            except (TypeError, ValueError):
                continue
        return out

    def hints_revealed(self, exercise: str) -> int:
        return self._conn.execute("SELECT COUNT(*) FROM hints WHERE exercise = ?", (exercise,)).fetchone()[0]

    def lessons_read(self) -> set[str]:
        return {r[0] for r in self._conn.execute("SELECT lesson FROM lessons_read")}

    def quiz_status(self, lesson: str) -> dict[str, bool]:
        """Question id -> answered right at least once."""
        rows = self._conn.execute("SELECT question, MAX(correct) FROM quiz_answers WHERE lesson = ? GROUP BY question",
                                  (lesson,)).fetchall()
        return {q: bool(c) for q, c in rows}

    def passed(self, exercise: str) -> bool:
        """Passed in a row the tutor signed: what unlocks `tutor solution` and the ✓."""
        up_to = self._unsigned_up_to()
        rows = self._conn.execute(f"SELECT {_SIGNED_COLUMNS} FROM attempts WHERE exercise = ? AND status = 'passed'",
                                  (exercise,))
        return any(self._check(row, up_to) == SIGNED for row in rows)

    def exercise_progress(self, exercise: str) -> ExerciseProgress:
        up_to = self._unsigned_up_to()
        checked = [(row, self._check(row, up_to)) for row in self._conn.execute(
            f"SELECT {_SIGNED_COLUMNS} FROM attempts WHERE exercise = ? ORDER BY id", (exercise,))]
        kept = [(row, how) for row, how in checked if how != TAMPERED]
        counted = [(row, how) for row, how in kept if row[_STATUS] != "infra"]
        signed = [row for row, how in counted if how == SIGNED]
        spent = self._conn.execute("SELECT seconds FROM time_spent WHERE exercise = ?", (exercise,)).fetchone()
        return ExerciseProgress(
            exercise, len(counted), max((r[_SCORE] for r in signed), default=0.0),
            max((r[_MAX_SCORE] for r in signed), default=0.0), any(r[_STATUS] == "passed" for r in signed),
            self.hints_revealed(exercise), spent[0] if spent else 0.0, kept[-1][0][_STATUS] if kept else None,
            tampered=sum(how == TAMPERED for _, how in checked), unsigned=sum(how == UNSIGNED for _, how in checked))

    def _check(self, row: tuple, unsigned_up_to: int) -> str:
        """SIGNED, UNSIGNED (in the database before signing arrived) or TAMPERED, for a row of _SIGNED_COLUMNS."""
        row_id, signature, fields = row[0], row[1], row[2:2 + _FIELDS]
        if signature is None and isinstance(row_id, int) and row_id <= unsigned_up_to:
            return UNSIGNED
        return SIGNED if verify(self._key, fields, signature) else TAMPERED

    def _unsigned_up_to(self) -> int:
        try:
            return int(self.state("unsigned_attempts_up_to", "0") or 0)
        except ValueError:
            return 0

