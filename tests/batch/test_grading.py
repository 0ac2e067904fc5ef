"""Batch grading of a synthetic class: local workers and a Dask cluster agree, a killed worker loses nothing,
a second run skips what is graded already."""
from __future__ import annotations

import os
import shutil
import signal
import sqlite3
from pathlib import Path

import pytest

from tests.batch.classroom import CLASS, EXERCISE_ID, expected_status, make_class
from tutor.batch.gradebook import Gradebook, GradeRow
from tutor.batch.executors import DaskExecutor, LocalExecutor, run_batch
from tutor.batch.submissions import plan_batch

pytestmark = pytest.mark.heavy  # a class of twenty graded once per module, then read by each test

# The kill tests use ten students that finish fast (no 5 s loops), to keep them short.
QUICK = {s: CLASS[s] for s in ("correct00", "correct01", "correct02", "correct03", "altcorrect00",
                               "partial-novalueerror", "wrong-leftaligned", "adv-sysexit", "adv-osexit",
                               "missing-empty")}


def copy_book(src: Path, dst: Path) -> Path:
    # The sqlite backup API copies what is still in the WAL too (a plain file copy would not).
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    return dst


def rows_of(path: Path) -> dict[str, GradeRow]:
    with Gradebook(path) as book:
        return {r.student: r for r in book.rows()}


def verdicts(path: Path) -> dict[tuple[str, str], tuple[str, float]]:
    with Gradebook(path) as book:
        return {(r.student, r.exercise): (r.status, r.score) for r in book.rows()}


def grade_class(folder: Path, exercise, book_path: Path, executor, on_row=None):
    with Gradebook(book_path) as book:
        plan = plan_batch(folder, [exercise], book)
        stats = run_batch(plan, book, executor, on_row=on_row)
        rows = book.rows()
    return plan, stats, rows


@pytest.fixture(scope="module")
def local_book(tmp_path_factory, klass, exercise) -> Path:
    path = tmp_path_factory.mktemp("local") / "gradebook.sqlite3"
    grade_class(klass, exercise, path, LocalExecutor(workers=2))
    return path


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    c = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, protocol="tcp://", host="127.0.0.1",
                     dashboard_address=None)
    yield c
    c.close()


def test_local_workers_give_every_student_their_verdict(local_book):
    rows = rows_of(local_book)
    assert set(rows) == set(CLASS)  # one row per student: nobody lost
    for student, row in rows.items():
        assert row.exercise == EXERCISE_ID
        assert row.status == expected_status(student), (student, row.result.message)
        assert row.times_graded == 1, student
    for student, row in rows.items():
        if row.status == "passed":
            assert row.score == 10.0
        elif row.status == "failed":
            assert row.score < 10, student
        else:
            assert row.score == 0.0, student  # error, timeout, crashed, memory: no points
    assert 0 < rows["partial-novalueerror"].score < 10  # partly right: the checks it passes count


def test_missing_files_get_a_no_file_row(local_book):
    rows = rows_of(local_book)
    for student in ("missing-empty", "missing-otherfile"):
        assert rows[student].status == "error"
        assert rows[student].result.message == "no file"
        assert rows[student].sha256 == ""


def test_adversarial_verdicts_name_the_cause(local_book):
    rows = rows_of(local_book)
    assert "time limit of 5 s" in rows["adv-loop1"].result.message
    assert "sys.exit" in rows["adv-sysexit"].result.message
    assert "exit code 3" in rows["adv-osexit"].result.message
    assert "256 MiB" in rows["adv-memory"].result.message
    assert "not UTF-8" in rows["adv-notutf8"].result.message
    assert "adv-notutf8/broadcasting.py" in rows["adv-notutf8"].result.message  # not a temp path
    # The forger printed a fake summary: it is their output, not a result.
    assert rows["adv-forger"].status == "failed" and rows["adv-forger"].score == 0.0


@pytest.mark.dask
def test_dask_cluster_gradebook_identical_to_local(tmp_path, cluster, klass, exercise, local_book):
    path = tmp_path / "cluster.sqlite3"
    executor = DaskExecutor(cluster.scheduler_address)
    try:
        executor.check([])
        _, stats, rows = grade_class(klass, exercise, path, executor)
    finally:
        executor.close()
    assert verdicts(path) == verdicts(local_book)
    graded_by = {r.worker for r in rows if r.worker}
    assert graded_by and str(os.getpid()) not in {w.rsplit(":", 1)[1] for w in graded_by}  # the workers graded


def test_rerun_skips_everything_unless_regrade(klass, exercise, local_book, tmp_path):
    path = copy_book(local_book, tmp_path / "copy.sqlite3")
    with Gradebook(path) as book:
        plan = plan_batch(klass, [exercise], book)
        assert (len(plan.tasks), len(plan.missing), plan.skipped) == (0, 0, len(CLASS))
        again = plan_batch(klass, [exercise], book, regrade=True)
        assert len(again.tasks) + len(again.missing) == len(CLASS)


def test_changed_code_and_infra_rows_are_graded_again(klass, exercise, local_book, tmp_path):
    path = copy_book(local_book, tmp_path / "copy.sqlite3")
    with Gradebook(path) as book:
        row = next(r for r in book.rows() if r.student == "correct00")
        from dataclasses import replace

        book.record(replace(row, student="correct01", result=replace(row.result, status="infra")))
        plan = plan_batch(klass, [exercise], book)
    assert [t.student for t in plan.tasks] == ["correct01"]
    students = tmp_path / "class"
    shutil.copytree(klass, students)
    (students / "partial-nopadding" / "broadcasting.py").write_text("def broadcast_shape(a, b):\n    return ()\n")
    with Gradebook(path) as book:
        plan = plan_batch(students, [exercise], book)
    assert sorted(t.student for t in plan.tasks) == ["correct01", "partial-nopadding"]


def test_a_stopped_batch_resumes_where_it_stopped(tmp_path, exercise, local_book):
    folder = make_class(tmp_path / "class", {s: CLASS[s] for s in ("correct00", "correct01", "partial-nopadding",
                                                                     "altcorrect01", "wrong-leftaligned")})
    path = tmp_path / "gradebook.sqlite3"

    class Stop(Exception):
        pass

    seen = []

    def stop_after_three(row: GradeRow) -> None:
        seen.append(row.student)
        if len(seen) == 3:
            raise Stop

    with pytest.raises(Stop):
        grade_class(folder, exercise, path, LocalExecutor(workers=1), on_row=stop_after_three)
    with Gradebook(path) as book:
        done = {r.student for r in book.rows()}
        assert done == set(seen)
        plan = plan_batch(folder, [exercise], book)
    assert {t.student for t in plan.tasks} == {s for s in os.listdir(folder)} - done


def _killer(killed: list[int]):
    def on_row(row: GradeRow) -> None:
        if not killed and row.worker:
            pid = int(row.worker.rsplit(":", 1)[1])
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)
    return on_row


def test_local_worker_killed_mid_batch_loses_nothing(tmp_path, exercise, local_book):
    folder = make_class(tmp_path / "class", QUICK)
    path = tmp_path / "gradebook.sqlite3"
    killed: list[int] = []
    executor = LocalExecutor(workers=2)
    _, stats, rows = grade_class(folder, exercise, path, executor, on_row=_killer(killed))
    assert killed and executor.pools_started >= 2  # the pool broke and was started again
    assert sorted(r.student for r in rows) == sorted(QUICK)  # every student once: nothing lost or duplicated
    assert all(r.times_graded == 1 for r in rows)
    assert stats.graded + stats.missing == len(QUICK)
    local = verdicts(local_book)
    assert {k: v for k, v in verdicts(path).items()} == {k: local[k] for k in verdicts(path)}


@pytest.mark.dask
def test_dask_worker_killed_mid_batch_loses_nothing(tmp_path, cluster, exercise, local_book):
    folder = make_class(tmp_path / "class", QUICK)
    path = tmp_path / "gradebook.sqlite3"
    killed: list[int] = []
    executor = DaskExecutor(cluster.scheduler_address)
    try:
        _, stats, rows = grade_class(folder, exercise, path, executor, on_row=_killer(killed))
    finally:
        executor.close()
    assert killed
    assert sorted(r.student for r in rows) == sorted(QUICK)
    assert all(r.times_graded == 1 for r in rows)
    assert stats.graded + stats.missing == len(QUICK)
    assert all(r.status != "infra" for r in rows)
    local = verdicts(local_book)
    assert verdicts(path) == {k: local[k] for k in verdicts(path)}


# --- the command line -------------------------------------------------------------------------------

def test_cli_rerun_skips_and_exports_csv_and_feedback(tmp_path, course, klass, local_book, capsys):
    from tutor.cli import main

    path = copy_book(local_book, tmp_path / "gradebook.sqlite3")
    csv_path, feedback = tmp_path / "grades.csv", tmp_path / "feedback"
    code = main(["grade", str(klass), "--exercise", EXERCISE_ID, "--course", str(course), "--gradebook", str(path),
                 "--export", str(csv_path), "--feedback", str(feedback), "--lang", "en"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "0 to grade" in err and f"{len(CLASS)} graded already" in err
    assert "pass rate" in out and "Most failed checks" in out
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "student,exercise,status,score,max,duration,device,sandbox"
    assert len(lines) == 1 + len(CLASS)
    assert any(l.startswith(f"correct00,{EXERCISE_ID},passed,10,10,") for l in lines)
    assert any(l.startswith(f"missing-empty,{EXERCISE_ID},error,0,10,") for l in lines)
    assert len(list(feedback.glob("*.md"))) == len(CLASS)
    text = (feedback / "partial-novalueerror.md").read_text(encoding="utf-8")
    row = rows_of(path)["partial-novalueerror"]
    failed = [c for c in row.result.checks if c.status == "failed"]
    assert failed and f"Total: {row.score:g} / 10" in text
    for check in failed:  # each failed check with the message the student can act on
        assert f"✗ {check.title}" in text and check.message.splitlines()[0] in text
    assert "no file was handed in" in (feedback / "missing-empty.md").read_text(encoding="utf-8")
    assert "time limit" in (feedback / "adv-loop1.md").read_text(encoding="utf-8")


def test_cli_bad_input_exits_2(tmp_path, course, klass, capsys):
    from tutor.cli import main

    book = str(tmp_path / "g.sqlite3")
    assert main(["grade", str(tmp_path / "nope"), "--exercise", EXERCISE_ID, "--gradebook", book]) == 2
    assert "no such folder" in capsys.readouterr().err
    assert main(["grade", str(klass), "--exercise", "tensors/broadcastin", "--course", str(course),
                 "--gradebook", book]) == 2
    assert "did you mean tensors/broadcasting" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["grade", str(tmp_path / "empty"), "--all", "--course", str(course), "--gradebook", book]) == 2
    assert "no student folders" in capsys.readouterr().err
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"this is not sqlite" * 100)
    assert main(["grade", str(klass), "--all", "--course", str(course), "--gradebook", str(bad)]) == 2
    assert "not a usable gradebook" in capsys.readouterr().err


def test_unreachable_scheduler_is_bad_input():
    from tutor.batch.executors import BatchError

    with pytest.raises(BatchError, match="cannot reach the Dask scheduler"):
        DaskExecutor("tcp://127.0.0.1:9", connect_timeout_s=2).check([])


def test_gradebook_is_wal_and_readable_while_open(local_book):
    with sqlite3.connect(local_book) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("SELECT COUNT(*) FROM grades").fetchone()[0] == len(CLASS)
