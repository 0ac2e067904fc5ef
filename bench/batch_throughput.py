"""Batch grading throughput: submissions per minute for the NumPy exercise tensors/broadcasting with 1 and then 2
local workers, in one run, and the scaling efficiency (rate at 2 workers / (2 x rate at 1 worker)).

End to end counts everything an instructor waits for (worker processes, warm zygotes, every grade); steady
counts from the first result to the last, once the workers are warm. Usage: batch_throughput.py [STUDENTS]
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from tutor.batch.gradebook import Gradebook, GradeRow
from tutor.batch.executors import LocalExecutor, run_batch
from tutor.batch.submissions import plan_batch
from tutor.core.course import load_course

WRONG = '''def broadcast_shape(a, b):
    n = max(len(a), len(b))
    pa, pb = (1,) * (n - len(a)) + tuple(a), (1,) * (n - len(b)) + tuple(b)
    return tuple(max(x, y) for x, y in zip(pa, pb))
'''


def make_class(folder: Path, students: int, solution: Path) -> None:
    # Two in three hand in the reference, one in three a partly wrong version: both grade in full.
    for n in range(students):
        target = folder / f"student{n:03d}" / "01-tensors" / "broadcasting.py"
        target.parent.mkdir(parents=True)
        if n % 3 == 2:
            target.write_text(WRONG, encoding="utf-8")
        else:
            shutil.copy(solution, target)


def measure(folder: Path, exercise: object, workers: int, scratch: Path) -> tuple[float, float, int, float]:
    """(end-to-end submissions/min, steady submissions/min, graded, start-up seconds).

    Start-up: from the call to the first graded row (worker processes spawned, tutor imported, sandboxed
    zygote and warm grader started: what every batch pays once, whatever its size)."""
    stamps: list[float] = []

    def on_row(row: GradeRow) -> None:
        stamps.append(time.perf_counter())

    with Gradebook(scratch / f"gradebook-{workers}.sqlite3") as book:
        plan = plan_batch(folder, [exercise], book)
        start = time.perf_counter()
        stats = run_batch(plan, book, LocalExecutor(workers), on_row=on_row)
        total = time.perf_counter() - start
    bad = [r for r in stats.rows if r.status in ("infra", "timeout", "crashed")]
    if bad:
        sys.exit(f"batch_throughput: {len(bad)} grades did not complete ({bad[0].result.message}); not a measurement")
    steady = (len(stamps) - 1) / (stamps[-1] - stamps[0]) * 60 if len(stamps) > 1 else 0.0
    return stats.graded / total * 60, steady, stats.graded, (stamps[0] - start) if stamps else 0.0


def main() -> None:
    students = int(sys.argv[1]) if len(sys.argv) > 1 else 24
    exercise = load_course().exercise("tensors/broadcasting")
    scratch = Path(tempfile.mkdtemp(prefix="tutor-bench-batch-"))
    try:
        folder = scratch / "class"
        make_class(folder, students, exercise.solution)
        print(f"batch grading, tensors/broadcasting, {students} submissions, {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.1f} at start")
        rates = {}
        for workers in (1, 2):
            end_to_end, steady, graded, startup = measure(folder, exercise, workers, scratch)
            rates[workers] = (end_to_end, steady)
            print(f"  {workers} worker{'s' if workers > 1 else ' '}: {end_to_end:6.1f} submissions/min end to end, "
                  f"{steady:6.1f}/min steady ({graded} graded); start-up {startup:.2f} s to the first result")
        e2e = rates[2][0] / (2 * rates[1][0])
        steady = rates[2][1] / (2 * rates[1][1]) if rates[1][1] else 0.0
        print(f"  scaling efficiency at 2 workers: {e2e:.0%} end to end, {steady:.0%} steady; 2 workers are "
              f"{rates[2][0] / rates[1][0]:.2f}x one end to end (budget >= 1.9x); load average "
              f"{os.getloadavg()[0]:.1f} at the end")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
