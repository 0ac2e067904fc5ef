"""Shared timing helpers for the bench scripts: medians of wall-clock runs of whole commands."""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def time_command(cmd: list[str], runs: int = 7, cwd: Path | None = None, env: dict | None = None,
                 check: bool = True) -> float:
    """Median wall-clock seconds of `cmd` over `runs` runs (one warm-up run first, not counted)."""
    full_env = dict(os.environ, **(env or {}))
    subprocess.run(cmd, cwd=cwd, env=full_env, capture_output=True)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, env=full_env, capture_output=True, check=check)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def row(name: str, seconds: float, floor_name: str, floor: float, budget: str) -> str:
    return f"{name:<40} {seconds:7.3f} s   floor {floor_name:<28} {floor:7.3f} s   budget {budget}"
