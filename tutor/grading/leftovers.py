"""Folders of workers whose tutor was killed. A zygote and a runner die with the tutor process that started them
(even under SIGKILL), but their folders in the temporary directory stay, with whatever a job wrote there (up to
its disk cap). Each folder names its owner (pid and start time, so a reused pid does not count); the first worker
a tutor process starts removes, in the background, the folders whose owner is gone."""
from __future__ import annotations

import os
import shutil
import stat
import tempfile
import threading
from pathlib import Path

PREFIXES = ("tutor-zygote-", "tutor-runner-")
OWNER = "owner"
_swept = threading.Event()


def _start_time(pid: int) -> str | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read(4096).rsplit(b")", 1)[1].split()[19].decode()
    except (OSError, IndexError):
        return None


def make_base(prefix: str) -> Path:
    """A private folder for a worker, stamped with this process as its owner; sweeps old ones once per process."""
    base = Path(tempfile.mkdtemp(prefix=prefix))
    os.chmod(base, 0o700)
    started = _start_time(os.getpid())
    if started is not None:  # without /proc a dead owner cannot be told from a live one: no owner, never swept
        (base / OWNER).write_text(f"{os.getpid()} {started}\n", encoding="ascii")
    if not _swept.is_set():
        _swept.set()
        threading.Thread(target=sweep, name="tutor-sweep", daemon=True).start()
    return base


def _owner_gone(folder: str) -> bool:
    try:  # not following links: the folder is ours, but a job may have written into it
        fd = os.open(os.path.join(folder, OWNER), os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False  # no owner named (another version's folder, or one being made): left alone
    try:
        words = os.read(fd, 64).split()
    finally:
        os.close(fd)
    try:
        pid, started = int(words[0]), words[1].decode()
    except (IndexError, ValueError, UnicodeDecodeError):
        return False
    return started.isdigit() and _start_time(pid) != started


def sweep(root: str | None = None) -> list[str]:
    """Remove this user's worker folders whose owner process is gone; return their paths."""
    root = root or tempfile.gettempdir()
    removed = []
    try:
        entries = list(os.scandir(root))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(PREFIXES):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or not _owner_gone(entry.path):
            continue
        jobs = os.path.join(entry.path, "jobs")
        try:
            if stat.S_ISDIR(os.lstat(jobs).st_mode):
                os.chmod(jobs, 0o700)  # write-and-search only while a zygote ran: readable again to be removed
        except OSError:
            pass
        shutil.rmtree(entry.path, ignore_errors=True)  # never follows a link inside
        removed.append(entry.path)
    return removed
