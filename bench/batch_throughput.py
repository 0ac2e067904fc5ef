"""Batch grading throughput: submissions per minute for the NumPy exercise tensors/broadcasting with 1 and then 2
local workers, in one run, and the scaling efficiency (rate at 2 workers / (2 x rate at 1 worker)).

End to end counts everything an instructor waits for (worker processes, warm zygotes, every grade); start-up is
the time to the first result (what every batch pays once, whatever its size), measured apart; after start-up
counts from the end of start-up to the last result. A second worker needs a free core: each run prints how many
cores stood idle while it ran (from /proc/stat), so a figure taken on a busy machine says so itself. The
ceiling beside the ratio: one worker keeps more than one core busy (the trusted grader, the sandboxed job and the
zygote's watcher overlap), so 2 workers can be at most min(2, cores / cores one worker keeps busy) times faster.
Usage: batch_throughput.py [STUDENTS] [ROUNDS]
"""
from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import IdleCores, load
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


def measure(folder: Path, exercise: object, workers: int, scratch: Path) -> tuple[float, float, int, float, float]:
    """(end-to-end submissions/min, after-start-up submissions/min, graded, start-up seconds, idle cores).

    Start-up: from the call to the first graded row (worker processes spawned, tutor imported, sandboxed
    zygote and warm grader started: what every batch pays once, whatever its size)."""
    stamps: list[float] = []

    def on_row(row: GradeRow) -> None:
        stamps.append(time.perf_counter())

    book_path = scratch / f"gradebook-{workers}.sqlite3"
    book_path.unlink(missing_ok=True)
    with Gradebook(book_path) as book:
        plan = plan_batch(folder, [exercise], book)
        idle = IdleCores()
        start = time.perf_counter()
        stats = run_batch(plan, book, LocalExecutor(workers), on_row=on_row)
        total = time.perf_counter() - start
        idle_cores = idle.stop()
    bad = [r for r in stats.rows if r.status in ("infra", "timeout", "crashed")]
    if bad:
        sys.exit(f"batch_throughput: {len(bad)} grades did not complete ({bad[0].result.message}); not a measurement")
    # After start-up: the rows after the first, over the time after the first (the first one ends start-up).
    steady = (len(stamps) - 1) / (stamps[-1] - stamps[0]) * 60 if len(stamps) > 1 else 0.0
    return stats.graded / total * 60, steady, stats.graded, (stamps[0] - start) if stamps else 0.0, idle_cores


def main() -> None:
    students = int(sys.argv[1]) if len(sys.argv) > 1 else 24
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    exercise = load_course().exercise("tensors/broadcasting")
    scratch = Path(tempfile.mkdtemp(prefix="tutor-bench-batch-"))
    try:
        folder = scratch / "class"
        make_class(folder, students, exercise.solution)
        print(f"batch grading, tensors/broadcasting, {students} submissions, {os.cpu_count()} CPUs, {load()} at start")
        ratios, ceilings = [], []
        for n in range(rounds):  # 1 then 2 workers in each round, so both see about the same load
            rates = {}
            for workers in (1, 2):
                end_to_end, steady, graded, startup, idle = measure(folder, exercise, workers, scratch)
                rates[workers] = (end_to_end, steady)
                if workers == 1:
                    cores = os.cpu_count() or 1
                    ceilings.append(min(2.0, cores / max(cores - idle, 1e-9)))
                print(f"  round {n + 1}, {workers} worker{'s' if workers > 1 else ' '}: {end_to_end:6.1f} "
                      f"submissions/min end to end, start-up {startup:.2f} s to the first result, then "
                      f"{steady:6.1f}/min ({graded} graded); {idle:.2f} of {os.cpu_count()} cores idle meanwhile; "
                      f"{load()}", flush=True)
            ratios.append((rates[2][0] / rates[1][0], rates[2][1] / rates[1][1] if rates[1][1] else 0.0))
        e2e = statistics.median(r[0] for r in ratios)
        steady = statistics.median(r[1] for r in ratios)
        print(f"  2 workers against 1 (median of {rounds}): {e2e:.2f}x end to end, {steady:.2f}x after start-up "
              f"(budget >= 1.9x); ceiling on this machine {statistics.median(ceilings):.2f}x (one worker keeps "
              f"{(os.cpu_count() or 1) / statistics.median(ceilings):.2f} cores busy); {load()} at the end")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
