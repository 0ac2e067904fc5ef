from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tutor.core.progress import SCHEMA_VERSION, Attempt, ProgressStore

WRITER = r'''
import sys, time
from pathlib import Path
from tutor.core.progress import ProgressStore, Attempt
store = ProgressStore(Path(sys.argv[1]))
tag, n = sys.argv[2], int(sys.argv[3])
print("ready", flush=True)
for i in range(n):
    store.record_attempt(Attempt(f"{tag}/{i}", time.time(), "failed", 1.0, 10.0, 0.1, "cpu", "x" * 64), {"i": i})
    store.record_quiz_answer("l", f"{tag}-{i}", "a", True)
print("done", flush=True)
'''


def _attempt(name: str) -> Attempt:
    return Attempt(name, time.time(), "passed", 10.0, 10.0, 0.5, "cpu", "0" * 64)


def test_round_trip_and_schema(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    with ProgressStore(db) as store:
        store.record_attempt(_attempt("a/b"), {"status": "passed"})
        store.reveal_hint("a/b", 0)
        store.reveal_hint("a/b", 0)
        store.mark_read("a")
        store.set_state("position", "a/b")
        store.add_time("a/b", 3.0)
        store.add_time("a/b", 2.0)
    with ProgressStore(db) as store:
        p = store.exercise_progress("a/b")
        assert (p.attempts, p.best_score, p.passed, p.hints_used, p.seconds) == (1, 10.0, True, 1, 5.0)
        assert store.state("position") == "a/b" and store.lessons_read() == {"a"}
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_migrates_a_version_1_database(tmp_path: Path) -> None:
    from tutor.core.progress import MIGRATIONS

    db = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(db)
    conn.executescript(MIGRATIONS[0] + "; PRAGMA user_version = 1;")
    conn.execute("INSERT INTO attempts (exercise, at, status, score, max_score, duration_s, device, code_sha256)"
                 " VALUES ('x/y', 0, 'failed', 0, 10, 1, 'cpu', 'h')")
    conn.commit()
    conn.close()
    with ProgressStore(db) as store:
        assert store.attempts("x/y")[0].status == "failed"
        store.add_time("x/y", 1.0)  # the table migration 2 added


def test_writer_killed_mid_loop_leaves_a_consistent_database(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db), "k", "100000"], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(0.6)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with ProgressStore(db) as store:
        attempts = store.attempts()
        assert len(attempts) > 0
        names = [a.exercise for a in attempts]
        assert names == [f"k/{i}" for i in range(len(names))]  # a prefix: nothing half-written, nothing lost
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_two_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    ProgressStore(db).close()
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(db), tag, "300"], stdout=subprocess.PIPE, text=True)
             for tag in ("a", "b")]
    for p in procs:
        out, _ = p.communicate(timeout=120)
        assert p.returncode == 0 and "done" in out
    with ProgressStore(db) as store:
        names = {a.exercise for a in store.attempts()}
    assert names == {f"{t}/{i}" for t in "ab" for i in range(300)}


def test_corrupt_file_is_moved_aside_never_wiped(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    garbage = b"this is not a database" * 100
    db.write_bytes(garbage)
    store = ProgressStore(db)
    assert store.moved_aside is not None and store.moved_aside.read_bytes() == garbage
    store.record_attempt(_attempt("a/b"))
    assert len(store.attempts()) == 1
    store.close()
