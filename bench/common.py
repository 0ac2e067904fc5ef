"""Shared timing helpers for the bench scripts: medians of wall-clock runs of whole commands."""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def time_command(cmd: list[str], runs: int = 7, cwd: Path | None = None, env: dict | None = None,
                 check: bool = True) -> float:
    """Median wall-clock seconds of `cmd` over `runs` runs (one warm-up run first, not counted).

    PYTHONDONTWRITEBYTECODE is dropped: an installed tutor has its bytecode compiled (pip does it), and the
    warm-up run writes it for a source checkout, so no run compiles the tutor's modules anew."""
    full_env = dict(os.environ, **(env or {}))
    full_env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(cmd, cwd=cwd, env=full_env, capture_output=True)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, env=full_env, capture_output=True, check=check)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def row(name: str, seconds: float, floor_name: str, floor: float, budget: str) -> str:
    return f"{name:<40} {seconds:7.3f} s   floor {floor_name:<28} {floor:7.3f} s   budget {budget}"


def run_measured(cmd: list[str], **kwargs: object) -> tuple[float, float, subprocess.CompletedProcess]:
    """Run `cmd` to the end: (wall seconds, CPU seconds of it and every process under it, the completed process).

    CPU seconds (user + system) beside wall clock: a loaded machine inflates the wall clock with the other
    sessions' work, CPU seconds far less. Taken from /proc every 0.1 s, each process's last reading, so that
    processes the sandbox starts and kills (never waited for by this one) count as well."""
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    cpu: dict[tuple[int, float], float] = {}
    done = threading.Event()

    def sample() -> None:
        try:
            root = psutil.Process(proc.pid)
        except psutil.Error:
            return
        while not done.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                procs = []
            for p in procs:
                try:
                    times = p.cpu_times()
                    cpu[(p.pid, p.create_time())] = times.user + times.system
                except psutil.Error:
                    pass
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    return wall, sum(cpu.values()), subprocess.CompletedProcess(cmd, proc.returncode, out, err)


class IdleCores:
    """How many cores stood idle, on average, between start() and stop() (from /proc/stat): a second worker can
    only speed a batch up where about one core is idle for it."""

    def __init__(self) -> None:
        self._start = self._read()

    @staticmethod
    def _read() -> tuple[int, int]:
        with open("/proc/stat") as fh:
            fields = [int(v) for v in fh.readline().split()[1:]]
        return fields[3] + fields[4], sum(fields)  # idle + iowait, all

    def stop(self) -> float:
        idle0, total0 = self._start
        idle1, total1 = self._read()
        return (os.cpu_count() or 1) * (idle1 - idle0) / max(1, total1 - total0)


def load() -> str:
    return f"load average {os.getloadavg()[0]:.1f}"
