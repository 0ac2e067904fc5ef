"""`make test-fast`: its wall clock beside its floor, the CPU seconds of every process it starts over the cores.

The CPU is read from a fresh cpuacct cgroup (cgroup v1, as root) when one can be made: the sandbox's zygotes
leave the process tree, so the children's rusage alone would miss them. Extra arguments go to pytest
(`-n 4` tries another number of workers). Without a cgroup the rusage figure is
printed and marked as a lower bound.
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
import uuid
from pathlib import Path

from common import IdleCores

ROOT = Path(__file__).resolve().parents[1]
CPUACCT = Path("/sys/fs/cgroup/cpuacct")
# As the Makefile's test-fast: one worker more than cores.
COMMAND = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", str(len(os.sched_getaffinity(0)) + 1),
           "-m", "not slow and not dask and not heavy"]


def _cgroup() -> Path | None:
    group = CPUACCT / f"tutor-bench-{uuid.uuid4().hex[:8]}"
    try:
        group.mkdir()
    except OSError:
        return None
    return group


def main() -> None:
    subprocess.run([sys.executable, "-m", "compileall", "-q", "tutor"], cwd=ROOT, capture_output=True, check=True)
    group = _cgroup()
    cores = len(os.sched_getaffinity(0))
    load = os.getloadavg()[0]
    idle = IdleCores()
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    enter = (lambda: (group / "cgroup.procs").write_text(str(os.getpid()))) if group else None
    done = subprocess.run(COMMAND + sys.argv[1:], cwd=ROOT, preexec_fn=enter, capture_output=True, text=True)
    wall = time.perf_counter() - start
    idle_cores = idle.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if group is not None:
        cpu, how = int((group / "cpuacct.usage").read_text()) / 1e9, "every process (cgroup)"
        try:
            group.rmdir()
        except OSError:  # a process of the run is still leaving
            pass
    else:
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        how = "pytest and its waited children only: a lower bound"
    print(done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-500:])
    print(f"make test-fast: {wall:.1f} s wall; floor (CPU / cores) {cpu / cores:.1f} s: {cpu:.1f} CPU s over "
          f"{cores} cores, {how}; {idle_cores:.2f} cores idle meanwhile; load average {load:.2f} at the start; "
          f"budget 60 s")
    sys.exit(done.returncode)


if __name__ == "__main__":
    main()
