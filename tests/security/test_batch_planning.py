"""Batch grading never follows a student's link and never opens a special file: such a row is `error` with a
one-line reason, the instructor's token linked by a student appears in no output, and the rest of the class
is graded."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tests.batch.classroom import EXERCISE_ID, SOLUTION
from tests.security.conftest import TOKEN
from tutor.batch import safe_files
from tutor.batch.gradebook import Gradebook
from tutor.batch.submissions import plan_batch

GOOD = SOLUTION.read_text(encoding="utf-8")


def hostile_class(folder: Path, token_file: Path) -> dict[str, str]:
    """A class with one honest student and one student per trick; returns student -> what the reason says."""
    folder.mkdir()
    (folder / "honest" / "01-tensors").mkdir(parents=True)
    (folder / "honest" / "01-tensors" / "broadcasting.py").write_text(GOOD, encoding="utf-8")
    # The file itself is a link to the instructor's token.
    (folder / "filelink").mkdir()
    (folder / "filelink" / "broadcasting.py").symlink_to(token_file)
    # The lesson folder is a link to the instructor's folder, where a file of the right name waits.
    (token_file.parent / "broadcasting.py").write_text(token_file.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "dirlink").mkdir()
    (folder / "dirlink" / "01-tensors").symlink_to(token_file.parent)
    # A renumbered lesson folder that is a link.
    (folder / "renumbered").mkdir()
    (folder / "renumbered" / "07-tensors").symlink_to(token_file.parent)
    # The whole student folder is a link.
    (folder / "wholelink").symlink_to(token_file.parent)
    # A FIFO: whoever opens it blocks until a writer comes.
    (folder / "fifo").mkdir()
    os.mkfifo(folder / "fifo" / "broadcasting.py")
    # A relative link that stays inside the class folder (to the honest student's file) is refused too.
    (folder / "copycat" / "01-tensors").mkdir(parents=True)
    (folder / "copycat" / "01-tensors" / "broadcasting.py").symlink_to("../../honest/01-tensors/broadcasting.py")
    # Larger than the cap.
    (folder / "huge").mkdir()
    (folder / "huge" / "broadcasting.py").write_bytes(b"#" * (safe_files.MAX_SUBMISSION_BYTES + 1))
    return {"filelink": "filelink/broadcasting.py is a symbolic link",
            "dirlink": "dirlink/01-tensors is a symbolic link",
            "renumbered": "renumbered/07-tensors is a symbolic link",
            "wholelink": "wholelink is a symbolic link",
            "fifo": "fifo/broadcasting.py is a FIFO (named pipe), not a regular file",
            "copycat": "copycat/01-tensors/broadcasting.py is a symbolic link",
            "huge": "huge/broadcasting.py is larger than 1 MiB"}


def test_planning_refuses_links_fifos_and_huge_files_and_reads_only_the_honest_file(tmp_path, token_file,
                                                                                  batch_exercise):
    klass = tmp_path / "class"
    reasons = hostile_class(klass, token_file)
    with Gradebook(tmp_path / "g.sqlite3") as book:
        plan = plan_batch(klass, [batch_exercise], book)
    assert [t.student for t in plan.tasks] == ["honest"]
    assert plan.tasks[0].source == GOOD.encode("utf-8")
    refused = {r.student: r for r in plan.refused}
    assert set(refused) == set(reasons)
    for student, reason in reasons.items():
        row = refused[student]
        assert row.status == "error" and row.score == 0 and row.refused and not row.missing
        assert reason in row.result.message and "\n" not in row.result.message
        assert TOKEN not in row.result.message and str(token_file.parent) not in row.result.message
    assert not plan.missing


def test_reasons_follow_the_language(tmp_path, token_file, batch_exercise):
    klass = tmp_path / "class"
    hostile_class(klass, token_file)
    with Gradebook(tmp_path / "g.sqlite3") as book:
        plan = plan_batch(klass, [batch_exercise], book, lang="es")
    messages = {r.student: r.result.message for r in plan.refused}
    assert "filelink/broadcasting.py es un enlace simbólico" in messages["filelink"]
    assert "fifo/broadcasting.py es una FIFO" in messages["fifo"]


def test_a_link_swapped_in_after_the_check_is_refused_when_opened(tmp_path, token_file, monkeypatch):
    # The race: lstat saw a regular file, then the student replaced it with a link (or a FIFO) before the open.
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "a.py").symlink_to(token_file)
    os.mkfifo(folder / "b.py")
    regular = (folder / "regular.py")
    regular.write_text("x = 1\n", encoding="utf-8")
    looks_regular = os.stat(regular)
    monkeypatch.setattr(safe_files, "lstat_at", lambda dir_fd, name: looks_regular)
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        with pytest.raises(safe_files.RefusedPath) as link:
            safe_files.read_file_at(fd, "a.py", "s/a.py")
        with pytest.raises(safe_files.RefusedPath) as fifo:
            safe_files.read_file_at(fd, "b.py", "s/b.py")  # never blocks: opened non-blocking, then fstat
    finally:
        os.close(fd)
    assert link.value.refusal.kind == "link" and fifo.value.refusal.kind == "fifo"


def test_grade_command_grades_the_class_and_the_token_appears_nowhere(tmp_path, token_file, batch_course,
                                                                     capsys):
    from tutor.cli import main

    klass = tmp_path / "class"
    reasons = hostile_class(klass, token_file)
    book, csv_path, feedback = tmp_path / "g.sqlite3", tmp_path / "grades.csv", tmp_path / "feedback"
    code = main(["grade", str(klass), "--exercise", EXERCISE_ID, "--course", str(batch_course), "--gradebook",
                 str(book), "--export", str(csv_path), "--feedback", str(feedback), "--lang", "en",
                 "--allow-unsandboxed", "--workers", "1"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert f"{len(reasons)} refused" in err
    with Gradebook(book) as gb:
        rows = {r.student: r for r in gb.rows()}
    assert rows["honest"].status == "passed"
    for student, reason in reasons.items():
        assert rows[student].status == "error" and reason in rows[student].result.message
        text = (feedback / f"{student}.md").read_text(encoding="utf-8")
        assert "error: file refused" in text and reason in text
    # Every output the instructor gets, the gradebook's whole content included.
    dump = "\n".join(sqlite3.connect(book).iterdump())
    outputs = [out, err, dump, csv_path.read_text(encoding="utf-8")]
    outputs += [p.read_text(encoding="utf-8") for p in feedback.glob("*.md")]
    assert all(TOKEN not in text for text in outputs)
    assert "honest,tensors/broadcasting,passed,10,10," in csv_path.read_text(encoding="utf-8")
