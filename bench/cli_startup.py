"""`tutor --help` and `tutor list`, median wall clock, beside the floor `python -c pass` (budget <= 0.1 s).

The three commands alternate, run after run, so that each sees the same moment of a shared machine's load; the
figure above the floor is the median of each run's own difference. Bytecode is written (as pip does on install).

    python bench/cli_startup.py [RUNS]
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import PY, load


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    cwd = Path(tempfile.mkdtemp())
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    commands = {"python -c pass": [PY, "-c", "pass"], "tutor --help": [PY, "-m", "tutor", "--help"],
                "tutor list": [PY, "-m", "tutor", "list"]}
    times: dict[str, list[float]] = {name: [] for name in commands}
    for n in range(runs + 1):  # the first round writes bytecode and fills the manifest cache: not counted
        for name, cmd in commands.items():
            start = time.perf_counter()
            subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, check=True)
            if n:
                times[name].append(time.perf_counter() - start)
    floor = statistics.median(times["python -c pass"])
    print(f"start-up, median of {runs} alternating runs; {load()}")
    for name in ("tutor --help", "tutor list"):
        above = statistics.median(t - f for t, f in zip(times[name], times["python -c pass"]))
        print(f"  {name:<14} {statistics.median(times[name]):.3f} s  (floor python -c pass {floor:.3f} s, "
              f"+{above:.3f} s above it)  budget <= 0.1 s")


if __name__ == "__main__":
    main()
