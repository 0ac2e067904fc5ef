"""What a newcomer meets in the CLI: a next step after init, honest progress, JSON errors, helpful --help."""
from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import tutor

COMMANDS = ["start", "init", "list", "progress", "hint", "reset", "solution", "submit", "data", "quiz", "lesson",
            "grade"]


def test_init_says_what_to_run_next(tmp_path: Path) -> None:
    done = tutor("init", cwd=tmp_path)
    assert done.returncode == 0 and "next: `tutor start` opens the course" in done.stdout
    elsewhere = tutor("--lang", "es", "init", "--workspace", str(tmp_path / "w2"), cwd=tmp_path)
    assert f"siguiente: `tutor start --workspace {tmp_path / 'w2'}` abre el curso" in elsewhere.stdout


def test_submit_an_unknown_id_with_json_prints_one_error_object(tmp_path: Path) -> None:
    done = tutor("submit", "bad-id", "--json", cwd=tmp_path)
    assert done.returncode == 2
    out = json.loads(done.stdout)  # exactly one object: json.loads rejects anything after it
    assert out["status"] == "error" and "unknown id 'bad-id'" in out["message"]
    assert done.stderr == ""


def test_progress_shows_best_and_last_and_the_quizzes(tmp_path: Path) -> None:
    from tutor.core.progress import Attempt, ProgressStore

    tutor("init", cwd=tmp_path)
    with ProgressStore(tmp_path / "tutor-workspace" / ".tutor" / "progress.sqlite3") as store:
        store.record_attempt(Attempt("tensors/broadcasting", 1.0, "passed", 10.0, 10.0, 0.1, "cpu", "a"))
        store.record_attempt(Attempt("tensors/broadcasting", 2.0, "failed", 4.0, 10.0, 0.1, "cpu", "b"))
        store.record_quiz_answer("tensors", "spreadsheet", "(n, 10)", True)
    done = tutor("--lang", "en", "progress", cwd=tmp_path)
    assert done.returncode == 0
    line = next(l for l in done.stdout.splitlines() if l.startswith("tensors/broadcasting"))
    assert "10/10 ✓" in line and "✗ failed  4/10" in line  # passed before, failed last: both said
    assert "✓ failed" not in done.stdout
    quiz = next(l for l in done.stdout.splitlines() if l.startswith("tensors quiz"))
    assert "1/" in quiz and "right" in quiz
    rows = json.loads(tutor("progress", "--json", cwd=tmp_path).stdout)
    row = next(r for r in rows if r.get("exercise") == "tensors/broadcasting")
    assert row["passed"] and row["last_status"] == "failed" and row["last_score"] == 4.0
    assert next(r for r in rows if r["kind"] == "quiz" and r["lesson"] == "tensors")["right"] == 1


def test_every_command_help_has_a_description_and_an_example(tmp_path: Path) -> None:
    for command in COMMANDS:
        done = tutor(command, "--help", cwd=tmp_path)
        assert done.returncode == 0, command
        usage, _, rest = done.stdout.partition("\n\n")
        assert rest.split("\n")[0].strip(), f"{command}: no description"
        assert f"example:\n  tutor {command}" in done.stdout, command
        if "  --json" in done.stdout:
            json_help = done.stdout.split("  --json", 1)[1].split("\n  -", 1)[0]
            assert "JSON object" in json_help, command
