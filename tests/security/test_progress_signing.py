"""A pass written into the progress store by anyone but the tutor is detected: rows are signed with a key in
`.tutor/progress.key`, and a row with a missing or wrong signature unlocks nothing."""
from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import time
from pathlib import Path

from tests.conftest import ROOT, TUTOR
from tutor.core.progress import MIGRATIONS, Attempt, ProgressStore

EXERCISE = "tensors/broadcasting"
FORGED = ("INSERT INTO attempts (exercise, at, status, score, max_score, duration_s, device, code_sha256, result_json)"
          " VALUES (?, ?, 'passed', 10, 10, 0.5, 'cpu', ?, ?)")


def tutor(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(TUTOR + list(args), cwd=cwd, capture_output=True, text=True, env=env, timeout=120)


def passed_attempt(exercise: str = EXERCISE, status: str = "passed") -> Attempt:
    return Attempt(exercise, time.time(), status, 10.0 if status == "passed" else 2.0, 10.0, 0.4, "cpu", "a" * 64)


def test_a_pass_inserted_with_sqlite_does_not_unlock_the_solution(tmp_path: Path) -> None:
    assert tutor("init", cwd=tmp_path).returncode == 0
    db = tmp_path / "tutor-workspace" / ".tutor" / "progress.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute(FORGED, (EXERCISE, time.time(), "b" * 64, json.dumps({"status": "passed"})))
    refused = tutor("solution", EXERCISE, cwd=tmp_path)
    assert refused.returncode == 1 and refused.stdout == "" and "once you pass" in refused.stderr
    shown = tutor("progress", cwd=tmp_path).stdout
    line = next(l for l in shown.splitlines() if l.startswith(EXERCISE))
    assert "1 tampered row ignored" in line and "✓" not in line
    row = next(r for r in json.loads(tutor("progress", "--json", cwd=tmp_path).stdout) if r["exercise"] == EXERCISE)
    assert row["tampered"] == 1 and not row["passed"] and row["attempts"] == 0 and row["best_score"] == 0
    # The tutor's own pass, written the tutor's way, does unlock it.
    with ProgressStore(db) as store:
        store.record_attempt(passed_attempt(), {"status": "passed"})
    assert tutor("solution", EXERCISE, cwd=tmp_path).returncode == 0


def test_editing_or_moving_a_signed_row_breaks_its_signature(tmp_path: Path) -> None:
    db = tmp_path / ".tutor" / "progress.sqlite3"
    with ProgressStore(db) as store:
        store.record_attempt(passed_attempt("a/failed", status="failed"), {"status": "failed"})
        store.record_attempt(passed_attempt("a/passed"), {"status": "passed"})
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE attempts SET status = 'passed', score = 10 WHERE exercise = 'a/failed'")
        # A real pass of one exercise copied, signature and all, onto another.
        conn.execute("INSERT INTO attempts (exercise, at, status, score, max_score, duration_s, device, code_sha256,"
                     " result_sha256, result_json, signature) SELECT 'a/other', at, status, score, max_score,"
                     " duration_s, device, code_sha256, result_sha256, result_json, signature FROM attempts"
                     " WHERE exercise = 'a/passed'")
    with ProgressStore(db) as store:
        assert store.passed("a/passed")
        for exercise in ("a/failed", "a/other"):
            progress = store.exercise_progress(exercise)
            assert not store.passed(exercise) and not progress.passed and progress.tampered == 1
        assert store.last_result("a/other") is None  # the TUI shows no forged verdict either


def test_a_row_signed_with_another_key_is_tampered(tmp_path: Path) -> None:
    mine, theirs = tmp_path / "mine" / "progress.sqlite3", tmp_path / "theirs" / "progress.sqlite3"
    with ProgressStore(theirs) as store:
        store.record_attempt(passed_attempt(), {"status": "passed"})
    signed_elsewhere = sqlite3.connect(theirs).execute(
        "SELECT exercise, at, status, score, max_score, duration_s, device, code_sha256, result_sha256, result_json,"
        " signature FROM attempts").fetchone()
    ProgressStore(mine).close()
    with sqlite3.connect(mine) as conn:
        conn.execute("INSERT INTO attempts (exercise, at, status, score, max_score, duration_s, device, code_sha256,"
                     " result_sha256, result_json, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     signed_elsewhere)
    with ProgressStore(mine) as store:
        assert not store.passed(EXERCISE) and store.exercise_progress(EXERCISE).tampered == 1


def test_rows_from_before_signing_stay_attempts_but_unlock_nothing(tmp_path: Path) -> None:
    db = tmp_path / ".tutor" / "progress.sqlite3"
    db.parent.mkdir()
    conn = sqlite3.connect(db)
    conn.executescript(MIGRATIONS[0] + ";" + MIGRATIONS[1] + "; PRAGMA user_version = 2;")
    conn.execute("INSERT INTO attempts (exercise, at, status, score, max_score, duration_s, device, code_sha256)"
                 " VALUES (?, 0, 'passed', 10, 10, 1, 'cpu', 'h')", (EXERCISE,))
    conn.commit()
    conn.close()
    with ProgressStore(db) as store:
        progress = store.exercise_progress(EXERCISE)
        assert [a.status for a in store.attempts(EXERCISE)] == ["passed"]  # still readable
        assert progress.attempts == 1 and progress.unsigned == 1 and progress.tampered == 0
        assert not progress.passed and not store.passed(EXERCISE)
        store.record_attempt(passed_attempt(), {"status": "passed"})  # passing again, signed, counts
        assert store.passed(EXERCISE) and store.exercise_progress(EXERCISE).attempts == 2


def test_the_key_is_private_and_made_once(tmp_path: Path) -> None:
    db = tmp_path / ".tutor" / "progress.sqlite3"
    with ProgressStore(db) as store:
        store.record_attempt(passed_attempt(), {"status": "passed"})
    key = db.with_name("progress.key")
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and len(key.read_bytes()) == 32
    before = key.read_bytes()
    with ProgressStore(db) as store:
        assert store.passed(EXERCISE)
    assert key.read_bytes() == before
