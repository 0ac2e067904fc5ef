"""Classes 4 and 5: nothing a job starts or writes outlives it or reaches another job; its files count."""
from __future__ import annotations

import time
import uuid
from pathlib import Path

import psutil
import pytest

from tests.security.hostile import GOOD, exercise, run, with_probe
from tutor.grading import grade
from tutor.grading.sandbox import Hidden, ZygotePool

DAEMON = """
import os, time
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execv('/bin/sleep', ['sleep', 'MARK'])
    os._exit(0)
time.sleep(0.3)
return 'forked'
"""


def _survivors(mark: str) -> list[int]:
    found = []
    for p in psutil.process_iter(["cmdline"]):
        if mark in " ".join(p.info["cmdline"] or []):
            found.append(p.pid)
    return found


def test_a_double_forked_daemon_dies_with_its_job(mode: str, tmp_path: Path) -> None:
    mark = str(900000 + uuid.uuid4().int % 99999)
    result = run(with_probe(DAEMON.replace("MARK", mark)), tmp_path / "ws")
    assert result.status == "passed" and result.metrics["probe"] == "forked"
    deadline = time.monotonic() + 5
    while _survivors(mark) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _survivors(mark) == []


@pytest.fixture
def pool():
    pool = ZygotePool(Hidden())
    yield pool
    pool.close()


def _grade_in(pool, source: str, folder: Path):
    path = folder / "double.py"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(source)
    return grade(exercise(), path, pool=pool)


def test_jobs_of_one_warm_worker_never_see_each_other(isolated_mode: str, pool, tmp_path: Path) -> None:
    """A classmate's job plants files and a daemon; the next job (another student) sees none of it."""
    mark = str(900000 + uuid.uuid4().int % 99999)
    plant = with_probe(f"""
import os
open('/tmp/planted-{mark}', 'w').write('x')
open('planted-{mark}', 'w').write('x')
""" + DAEMON.replace("MARK", mark))
    first = _grade_in(pool, plant, tmp_path / "a")
    assert first.status == "passed"
    look = with_probe(f"""
import os
jobs = os.path.dirname(os.getcwd())
return [sorted(os.listdir('/tmp')), sorted(os.listdir(jobs)), os.path.exists('/tmp/planted-{mark}')]
""")
    second = _grade_in(pool, look, tmp_path / "b")
    tmp_listing, jobs_listing, planted = second.metrics["probe"]
    assert planted is False and not any(mark in n for n in tmp_listing)
    assert len(jobs_listing) == 1  # its own folder only
    assert _survivors(mark) == []


def test_a_private_tmp_cannot_hold_more_than_the_job_may_use(isolated_mode: str, tmp_path: Path) -> None:
    probe = """
written = 0
chunk = b'x' * (1 << 20)
try:
    with open('/tmp/fill', 'wb') as fh:
        for _ in range(1536):
            fh.write(chunk)
            written += 1
except OSError:
    pass
return written
"""
    result = run(with_probe(probe), tmp_path / "ws")
    assert result.status == "passed"
    assert result.metrics["probe"] <= 400  # MiB: the exercise's memory limit, not the 1.5 GiB it tried


def test_writing_files_past_the_disk_cap_is_stopped(mode: str, tmp_path: Path) -> None:
    probe = """
import time
chunk = b'x' * (1 << 20)
for n in range(6):
    with open(f'fill-{n}', 'wb') as fh:
        for _ in range(60):
            fh.write(chunk)
time.sleep(2)
return 'wrote 360 MiB'
"""
    result = run(with_probe(probe), tmp_path / "ws")
    assert result.status == "crashed", (result.status, result.message)
    assert "more than 256 MiB of files" in result.message
    assert run(GOOD, tmp_path / "ws2").status == "passed"


PROC_SNOOP = """
import os, time
found, tried = [], 0
me = os.readlink('/proc/self')  # this process as the /proc it sees numbers it (maybe not os.getpid())
mark = 'CLASS' + 'MATE'  # not spelled out here: this file must not match itself
end = time.time() + 2.5
while time.time() < end and not found:
    for pid in [p for p in os.listdir('/proc') if p.isdigit()]:
        if pid == me:
            continue
        for place in ('root/tmp', 'cwd'):
            base = f'/proc/{pid}/{place}'
            try:
                tried += 1
                for top, dirs, files in os.walk(base):
                    for name in files:
                        if name == 'submission.py':
                            text = open(os.path.join(top, name)).read()
                            if mark in text:
                                found.append(os.path.join(top, name))
            except OSError:
                pass
        try:
            for fd in os.listdir(f'/proc/{pid}/fd'):
                target = os.readlink(f'/proc/{pid}/fd/{fd}')
                if target.endswith('submission.py'):
                    found.append(target)
        except OSError:
            pass
    time.sleep(0.05)
return [found, tried]
"""


def test_a_running_classmate_cannot_be_read_through_proc(isolated_mode: str, pool, tmp_path: Path) -> None:
    import threading

    running = threading.Event()
    slow = with_probe("import time\nprint('running', flush=True)\ntime.sleep(3)\nreturn 'slept'") + "\n# CLASSMATE\n"
    results: list = []

    def classmate() -> None:
        path = tmp_path / "b" / "double.py"
        path.parent.mkdir(parents=True)
        path.write_text(slow)
        on_event = (lambda e: running.set() if "running" in str(e.get("text", "")) else None)
        results.append(grade(exercise(), path, pool=pool, on_event=on_event))

    other = threading.Thread(target=classmate)
    other.start()
    assert running.wait(30), "the classmate's job never started"
    snooper = _grade_in(pool, with_probe(PROC_SNOOP), tmp_path / "a")
    other.join()
    found, tried = snooper.metrics["probe"]
    assert tried > 0 and found == [], found
