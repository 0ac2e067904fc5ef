"""`tutor grade` refuses to grade a class without bubblewrap unless --allow-unsandboxed is given; with the flag
every row, the CSV and the feedback say which sandbox graded it. TUTOR_SANDBOX=process forces the fallback."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.batch.classroom import EXERCISE_ID, SOLUTION
from tutor.batch.gradebook import Gradebook
from tutor.batch.tasks import Task, run_task
from tutor.grading.sandbox import bwrap_path


def one_student_class(folder: Path, source: str | None = SOLUTION.read_text(encoding="utf-8")) -> Path:
    (folder / "ana").mkdir(parents=True)
    if source is not None:
        (folder / "ana" / "broadcasting.py").write_text(source, encoding="utf-8")
    return folder


def grade(tmp_path: Path, course: Path, *extra: str) -> int:
    from tutor.cli import main

    return main(["grade", str(tmp_path / "class"), "--exercise", EXERCISE_ID, "--course", str(course),
                 "--gradebook", str(tmp_path / "g.sqlite3"), "--export", str(tmp_path / "grades.csv"),
                 "--feedback", str(tmp_path / "feedback"), "--workers", "1", *extra])


@pytest.mark.parametrize("lang, words", [("en", "install it with `sudo apt-get install bubblewrap`"),
                                         ("es", "instálalo con `sudo apt-get install bubblewrap`")])
def test_without_bubblewrap_grade_refuses_in_one_line_and_writes_nothing(tmp_path, batch_course, monkeypatch,
                                                                         capsys, lang, words):
    monkeypatch.setenv("TUTOR_SANDBOX", "process")
    one_student_class(tmp_path / "class")
    assert grade(tmp_path, batch_course, "--lang", lang) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1
    assert "bubblewrap" in err and words in err and "--allow-unsandboxed" in err
    assert not (tmp_path / "g.sqlite3").exists() and not (tmp_path / "feedback").exists()


def test_with_allow_unsandboxed_every_output_names_the_sandbox(tmp_path, batch_course, monkeypatch, capsys):
    monkeypatch.setenv("TUTOR_SANDBOX", "none")
    one_student_class(tmp_path / "class")
    assert grade(tmp_path, batch_course, "--lang", "en", "--allow-unsandboxed") == 0
    err = capsys.readouterr().err
    assert "sandbox: none (process limits only)" in err
    with Gradebook(tmp_path / "g.sqlite3") as book:
        (row,) = book.rows()
    assert row.status == "passed" and row.result.sandbox in ("none", "process")
    lines = (tmp_path / "grades.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith(",sandbox") and lines[1].startswith("ana,") and lines[1].endswith(",none")
    assert "Sandbox: none (process limits only)" in (tmp_path / "feedback" / "ana.md").read_text(encoding="utf-8")


@pytest.mark.skipif(bwrap_path() is None, reason="needs a working bubblewrap")
def test_with_bubblewrap_grade_needs_no_flag(tmp_path, batch_course, monkeypatch, capsys):
    monkeypatch.delenv("TUTOR_SANDBOX", raising=False)
    one_student_class(tmp_path / "class", source=None)  # nothing to run: the check is all this costs
    assert grade(tmp_path, batch_course, "--lang", "en") == 0
    assert "sandbox: bwrap" in capsys.readouterr().err


def test_a_worker_without_bubblewrap_does_not_grade_a_batch_that_requires_it(monkeypatch, batch_exercise):
    # Planning ran where bubblewrap works; this worker (a Dask node, say) has none: an infra row, not a grade.
    monkeypatch.setenv("TUTOR_SANDBOX", "process")
    source = SOLUTION.read_bytes()
    task = Task(student="ana", exercise=batch_exercise.id, lesson_root=str(batch_exercise.lesson.root),
                lesson_dir=batch_exercise.lesson.dirname, file_name="broadcasting.py", source=source,
                sha256="0" * 64, require_sandbox=True)
    row = run_task(task)
    assert row["result"]["status"] == "infra"
    assert "no working bubblewrap" in row["result"]["message"]
    assert "apt-get install bubblewrap" in row["result"]["message"]
