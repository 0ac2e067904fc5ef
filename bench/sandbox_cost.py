"""What the sandbox costs: the same NumPy grades warm (a running tutor's pool) and cold (`tutor submit`) in each
sandbox mode, beside the floors of the same run (`import numpy`, and the weakest mode, process limits only).
Budgets: a warm NumPy grade <= 0.5 s, a cold one <= 1.5 s, under bubblewrap.
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import PY, ROOT, time_command

sys.path.insert(0, str(ROOT))
from tutor.core.course import load_course  # noqa: E402
from tutor.grading import grade  # noqa: E402
from tutor.grading.devices import plan_device  # noqa: E402
from tutor.grading.sandbox import ZygotePool, bwrap_path, default_hidden  # noqa: E402

CASES = ["tensors/broadcasting", "optimizers/adam"]
MODES = ["none", "process"] + (["bwrap"] if bwrap_path() else [])


def warm(course, ident: str, runs: int = 5) -> tuple[float, str]:
    exercise = course.exercise(ident)
    pool = ZygotePool(default_hidden(course.roots, None))
    try:
        pool.get(exercise.spec.runtime, plan_device("auto", exercise.spec.device, exercise.spec.runtime))
        pool.runner()
        result = grade(exercise, exercise.solution, pool=pool)  # warm-up, not counted
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            result = grade(exercise, exercise.solution, pool=pool)
            samples.append(time.perf_counter() - start)
        assert result.status == "passed", result.message
        return statistics.median(samples), result.sandbox
    finally:
        pool.close()


def main() -> None:
    course = load_course()
    cwd = Path(tempfile.mkdtemp())
    floor = time_command([PY, "-c", "import numpy"], runs=7)
    print(f"floor: python -c 'import numpy' {floor:.3f} s")
    print(f"{'exercise':<24} {'mode':<12} {'warm':>8} {'cold':>8}   budget (bwrap): warm <= 0.5 s, cold <= 1.5 s")
    for ident in CASES:
        for mode in MODES:
            os.environ["TUTOR_SANDBOX"] = mode
            seconds, label = warm(course, ident)
            cold = time_command([PY, "-m", "tutor", "submit", ident, str(course.exercise(ident).solution), "--json"],
                                runs=3, cwd=cwd, env={"TUTOR_SANDBOX": mode})
            print(f"{ident:<24} {label:<12} {seconds:8.3f} {cold:8.3f}")
    os.environ.pop("TUTOR_SANDBOX", None)


if __name__ == "__main__":
    main()
