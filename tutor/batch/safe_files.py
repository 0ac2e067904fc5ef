"""Reading a student's files without trusting them: no link is ever followed, only regular files are read.

A class's submissions folder is written by students. A symbolic link in it (`broadcasting.py` → the
instructor's token file) or a FIFO (which blocks whoever opens it) must not reach the grader, the gradebook or
the feedback. Every step opens one name relative to the folder above it, with O_NOFOLLOW, and checks what it
got with fstat, so a link swapped in between the check and the open is refused too. A link's target is never
read, not even with readlink: the reason names the student's path only.
"""
from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass

from tutor.core.i18n import pick

MAX_SUBMISSION_BYTES = 1 << 20  # far above any exercise file; keeps a planted huge file out of memory
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
# O_NONBLOCK: a FIFO swapped in after the check cannot block the planner; fstat then refuses it.
_FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


@dataclass(frozen=True)
class Refusal:
    """Why a path in a student's folder is not read; `path` is relative to the submissions folder."""

    path: str
    kind: str  # "link", "fifo", "device", "socket", "other", "too-large", "unreadable"
    detail: str = ""
    limit: int = MAX_SUBMISSION_BYTES

    def message(self, lang: str) -> str:
        p = self.path
        if self.kind == "link":
            return pick(lang, f"{p} is a symbolic link; the tutor reads only regular files: hand in the file itself",
                        f"{p} es un enlace simbólico; el tutor solo lee archivos normales: entrega el archivo mismo")
        if self.kind == "too-large":
            return pick(lang, f"{p} is larger than {self.limit >> 20} MiB, the limit for a submission",
                        f"{p} supera {self.limit >> 20} MiB, el límite de una entrega")
        if self.kind == "unreadable":
            return pick(lang, f"{p} cannot be read ({self.detail})", f"{p} no se puede leer ({self.detail})")
        what = {"fifo": ("a FIFO (named pipe)", "una FIFO (tubería con nombre)"),
                "device": ("a device", "un dispositivo"), "socket": ("a socket", "un socket")}
        en, es = what.get(self.kind, ("not a regular file", "no es un archivo normal"))
        return pick(lang, f"{p} is {en}, not a regular file: hand in the file itself",
                    f"{p} es {es}, no un archivo normal: entrega el archivo mismo")


class RefusedPath(Exception):
    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.path)
        self.refusal = refusal


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "link"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "other"


def lstat_at(dir_fd: int, name: str) -> os.stat_result | None:
    try:
        return os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return None


def open_dir_at(dir_fd: int, name: str, shown: str) -> int | None:
    """The folder `name` inside dir_fd as a new fd; None when absent or not a folder; a link is refused."""
    st = lstat_at(dir_fd, name)
    if st is None:
        return None
    if stat.S_ISLNK(st.st_mode):
        raise RefusedPath(Refusal(shown, "link"))
    if not stat.S_ISDIR(st.st_mode):
        return None  # a file where a folder would be: nothing to read there
    try:
        return os.open(name, _DIR_FLAGS, dir_fd=dir_fd)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):  # swapped for a link after the check
            raise RefusedPath(Refusal(shown, "link")) from None
        if exc.errno == errno.ENOENT:
            return None
        raise RefusedPath(Refusal(shown, "unreadable", exc.strerror or str(exc))) from None


def read_file_at(dir_fd: int, name: str, shown: str, limit: int = MAX_SUBMISSION_BYTES) -> bytes | None:
    """The bytes of the regular file `name` inside dir_fd (at most `limit`); None when absent; anything else is
    refused."""
    st = lstat_at(dir_fd, name)
    if st is None or stat.S_ISDIR(st.st_mode):
        return None
    if not stat.S_ISREG(st.st_mode):
        raise RefusedPath(Refusal(shown, _kind(st.st_mode)))
    if st.st_size > limit:
        raise RefusedPath(Refusal(shown, "too-large", limit=limit))
    try:
        fd = os.open(name, _FILE_FLAGS, dir_fd=dir_fd)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise RefusedPath(Refusal(shown, "link")) from None
        if exc.errno == errno.ENOENT:
            return None
        raise RefusedPath(Refusal(shown, "unreadable", exc.strerror or str(exc))) from None
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise RefusedPath(Refusal(shown, _kind(opened.st_mode)))
        chunks, total = [], 0
        while total <= limit:  # the file may grow after fstat: read at most the cap plus one
            chunk = os.read(fd, limit + 1 - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise RefusedPath(Refusal(shown, "too-large", limit=limit))
        return b"".join(chunks)
    except OSError as exc:
        raise RefusedPath(Refusal(shown, "unreadable", exc.strerror or str(exc))) from None
    finally:
        os.close(fd)
