"""A tutor killed outright (SIGKILL, a closed terminal) leaves its workers' folders, with what its jobs wrote, in
the temporary directory. The next tutor removes those whose owner is gone, and nothing else: not a running
tutor's folders, not a folder that names no owner, never through a link."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.grading.test_adversarial import COURSE
from tutor.grading import leftovers
from tutor.grading.sandbox import ZygotePool, default_hidden

KILLED = """
import os, sys, time
sys.path.insert(0, {root!r})
from tutor.grading.leftovers import make_base
base = make_base("tutor-zygote-")
(base / "jobs").mkdir()
(base / "jobs" / "job1").mkdir()
(base / "jobs" / "job1" / "big.bin").write_bytes(b"x" * 4096)
os.chmod(base / "jobs", 0o300)
print(base, flush=True)
time.sleep(60)
"""


@pytest.fixture
def tmp_root(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    # A short path of its own: a worker's control socket must fit in the 108 bytes of a Unix socket address.
    root = Path(tempfile.mkdtemp(prefix="ts-"))
    monkeypatch.setenv("TMPDIR", str(root))
    monkeypatch.setattr("tempfile.tempdir", None)  # read TMPDIR again
    monkeypatch.setattr(leftovers, "_swept", threading.Event())  # as in a tutor process that starts now
    yield root
    leftovers.sweep(str(root))
    shutil.rmtree(root, ignore_errors=True)


def _killed_tutor_folder(root: Path) -> Path:
    """The folder of a tutor process that made a worker folder and was then killed with SIGKILL."""
    env = dict(os.environ, TMPDIR=str(root))
    process = subprocess.Popen([sys.executable, "-c", KILLED.format(root=str(Path(__file__).parents[2]))],
                               stdout=subprocess.PIPE, text=True, env=env)
    base = Path(process.stdout.readline().strip())
    process.kill()
    process.wait()
    assert base.is_dir() and base.parent == root
    return base


def test_a_killed_tutors_folders_are_removed_by_the_next_tutor(tmp_root: Path) -> None:
    stale = _killed_tutor_folder(tmp_root)
    pool = ZygotePool(default_hidden((COURSE,), None))
    try:
        pool.runner()  # the first worker this process starts sweeps, in the background
        deadline = time.monotonic() + 10
        while stale.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not stale.exists()
        assert pool.runner().base.is_dir()  # its own folder stays
    finally:
        pool.close()


def test_a_running_tutors_folders_and_unowned_ones_are_kept(tmp_root: Path) -> None:
    mine = leftovers.make_base("tutor-runner-")
    unowned = tmp_root / "tutor-zygote-unowned"
    unowned.mkdir()
    forged = tmp_root / "tutor-zygote-forged"
    forged.mkdir()
    (forged / "owner").write_text("not a pid\n")
    assert leftovers.sweep(str(tmp_root)) == []
    assert mine.is_dir() and unowned.is_dir() and forged.is_dir()


def test_a_link_named_like_a_worker_folder_is_not_followed(tmp_root: Path, tmp_path: Path) -> None:
    work = tmp_path / "learner-work"
    work.mkdir()
    (work / "owner").write_text("999999999 0\n")  # an owner that is gone, as a stale folder would say
    (work / "homework.py").write_text("x = 1\n")
    (tmp_root / "tutor-zygote-link").symlink_to(work)
    stale = _killed_tutor_folder(tmp_root)
    (stale / "owner-link-target").mkdir()
    (stale / "escape").symlink_to(work)  # a job's link inside a stale folder
    assert leftovers.sweep(str(tmp_root)) == [str(stale)]
    assert (work / "homework.py").read_text() == "x = 1\n"
    assert (tmp_root / "tutor-zygote-link").is_symlink()
