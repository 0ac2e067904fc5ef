"""`tutor submit`, `tutor grade` and `tutor start` make the tutor non-dumpable first, so another process of the
same user (the code being graded, without bubblewrap) cannot read /proc/<tutor pid>/environ or its memory."""
from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, TUTOR

SECRET = "TUTOR_TEST_SECRET_5b1f0e"
# Reads another process's environment. "until-denied": again and again, while the tutor starts and grades,
# until the kernel says no (the tutor hardened itself) or the process is gone (it never did).
READER = r'''
import sys, time
pid, secret, mode = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3]
give_up = time.monotonic() + 60  # a guard so that a failing run ends: the tutor hardens itself at once
while True:
    try:
        with open(f"/proc/{pid}/environ", "rb") as fh:
            data = fh.read()
    except PermissionError:
        print("denied")
        break
    except (FileNotFoundError, ProcessLookupError):
        print("gone")
        break
    if mode == "once" or not data:  # no data: the process is exiting
        print("read" if secret in data else "gone")
        break
    if time.monotonic() > give_up:
        print("still readable")
        break
'''


@pytest.fixture
def same_user(tmp_path: Path):
    """A command prefix and a folder for processes of one ordinary user: root's CAP_SYS_PTRACE would read any
    process, so as root both sides run as uid 65534 instead."""
    if os.geteuid() != 0:
        yield [], tmp_path
        return
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv to become an ordinary user")
    folder = Path(tempfile.mkdtemp(prefix="tutor-dumpable-"))
    folder.chmod(0o777)
    try:
        yield [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"], folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _env(folder: Path, **extra: str) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT), HOME=str(folder), PYTHONDONTWRITEBYTECODE="1", **extra)


def _read(prefix: list[str], pid: int, mode: str, env: dict[str, str]) -> str:
    done = subprocess.run(prefix + [sys.executable, "-c", READER, str(pid), SECRET, mode], capture_output=True,
                          text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_another_process_cannot_read_the_environment_of_the_tutor(same_user) -> None:
    prefix, folder = same_user
    env = _env(folder, TERM="xterm-256color", TUTOR_SANDBOX="process")
    # The control: the same reader reads an ordinary process of that user, secret included.
    plain = subprocess.Popen(prefix + [sys.executable, "-c", "import time; time.sleep(60)"],
                             env=dict(env, **{SECRET: "1"}))
    try:
        assert _read(prefix, plain.pid, "once", env) == "read"
    finally:
        plain.kill()
        plain.wait()
    # `tutor start` on a terminal of its own: it stays open until it is told to quit, however slow the machine.
    leader, follower = pty.openpty()
    tui = subprocess.Popen(prefix + TUTOR + ["start", "--workspace", str(folder / "ws")], cwd=folder,
                           env=dict(env, **{SECRET: "1"}), stdin=follower, stdout=follower, stderr=follower)
    os.close(follower)
    try:
        seen = _read(prefix, tui.pid, "until-denied", env)
    finally:
        tui.kill()
        tui.wait()
        os.close(leader)
    assert seen == "denied"


def test_submit_grade_and_start_harden_before_anything_else(tmp_path: Path, monkeypatch) -> None:
    import tutor.core.hardening as hardening
    import tutor.tui.app
    from tutor.cli import main

    calls: list[str] = []
    monkeypatch.setattr(hardening, "make_non_dumpable", lambda: calls.append("hardened") or True)
    monkeypatch.setattr(tutor.tui.app, "run_app", lambda **kw: 0)
    monkeypatch.setenv("TUTOR_SANDBOX", "process")
    ws = str(tmp_path / "ws")
    assert main(["submit", "tensors/broadcasting", str(tmp_path / "nope.py"), "--workspace", ws]) == 2
    assert calls == ["hardened"]
    (tmp_path / "class" / "ana").mkdir(parents=True)
    assert main(["grade", str(tmp_path / "class"), "--all", "--gradebook", str(tmp_path / "g.sqlite3")]) == 2
    assert calls == ["hardened"] * 2
    assert main(["start", "--workspace", ws]) == 0
    assert calls == ["hardened"] * 3
