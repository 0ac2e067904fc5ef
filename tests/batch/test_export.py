"""Exports: the CSV an instructor opens in a spreadsheet, the feedback file a student reads."""
from __future__ import annotations

import csv

from tutor.batch.export import feedback_markdown, write_csv, write_feedback
from tutor.batch.gradebook import Gradebook, GradeRow
from tutor.grading.result import CheckResult, GradeResult, Misconception


def _row(student: str, status: str, score: float, sha: str = "abc", **extra) -> GradeRow:
    checks = (CheckResult("steps", "Ten steps match", "passed" if score else "failed", 4.0 if score else 0.0, 4.0,
                          "" if score else "step 3 differs: got 0.5, expected 0.25"),
              CheckResult("bias", "Bias correction", "failed", 0.0, 6.0, "divide m by (1 - beta1^t)"))
    result = GradeResult(exercise="optimizers/adam", status=status, score=score, max_score=10.0, checks=checks,
                         duration_s=0.4321, device="cpu", code_sha256=sha, **extra)
    return GradeRow(student, "optimizers/adam", sha, result, "host:1")


def test_csv_has_one_row_per_grade_with_the_agreed_columns(tmp_path):
    rows = [_row("ana", "failed", 4.0), _row("ben", "error", 0.0, sha="")]
    path = write_csv(rows, tmp_path / "out" / "grades.csv")
    with open(path, newline="", encoding="utf-8") as fh:
        table = list(csv.reader(fh))
    assert table[0] == ["student", "exercise", "status", "score", "max", "duration", "device", "sandbox"]
    assert table[1] == ["ana", "optimizers/adam", "failed", "4", "10", "0.432", "cpu", "none"]  # "process": none
    assert table[2][:5] == ["ben", "optimizers/adam", "error", "0", "10"] and table[2][6:] == ["", ""]


def test_feedback_lists_each_check_its_message_and_the_known_mistake(tmp_path):
    row = _row("ana", "failed", 4.0, misconception=Misconception("no-bias-correction", "Divide by (1 - beta^t)."))
    text = feedback_markdown("ana", [row], "en", {"optimizers/adam": "Adam, one step"})
    assert text.startswith("# Feedback: ana\n")
    assert "**Total: 4 / 10**" in text and "## optimizers/adam — Adam, one step" in text
    assert "- ✓ Ten steps match (4/4)" in text
    assert "- ✗ Bias correction (0/6)" in text and "divide m by (1 - beta1^t)" in text
    assert "**Known mistake:** Divide by (1 - beta^t)." in text
    es = feedback_markdown("ana", [row], "es", {})
    assert "# Retroalimentación: ana" in es and "Error conocido" in es


def test_feedback_files_one_per_student_with_safe_names(tmp_path):
    rows = [_row("ana", "passed", 10.0), _row("ben/../x", "failed", 4.0)]
    written = write_feedback(rows, tmp_path / "fb", "en", {})
    assert sorted(p.name for p in written) == ["ana.md", "ben_.._x.md"]
    assert all(p.parent == tmp_path / "fb" for p in written)


def test_gradebook_keeps_one_row_per_student_and_exercise(tmp_path):
    with Gradebook(tmp_path / "g.sqlite3") as book:
        book.record(_row("ana", "failed", 4.0, sha="one"))
        book.record(_row("ana", "passed", 10.0, sha="two"))
        rows = book.rows()
        assert len(rows) == 1 and rows[0].status == "passed" and rows[0].times_graded == 2
        assert book.is_graded("ana", "optimizers/adam", "two") and not book.is_graded("ana", "optimizers/adam", "one")
