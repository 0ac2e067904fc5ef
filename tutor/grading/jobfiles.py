"""The trusted side's only way into a job's folder, which the sandbox can write: names, never paths.

Every operation starts from a descriptor of the job's folder and takes one plain name, opened with O_NOFOLLOW;
nothing is followed through a link the learner's code made, and every read is capped.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_ENTRIES = 1000
MAX_READ = 1 << 20


class JobFolderError(ValueError):
    pass


def _plain(name: str) -> str:
    if not name or "/" in name or name in (".", ".."):
        raise JobFolderError(f"not a plain name inside the job's folder: {name!r}")
    return name


class JobFolder:
    """A job's folder as the trusted side sees it. `path_for(name)` is what to hand the learner's code."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _open_root(self) -> int:
        return os.open(self.path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)

    def path_for(self, name: str) -> str:
        return str(self.path / _plain(name))

    def make_folder(self, name: str) -> str:
        root = self._open_root()
        try:
            os.mkdir(_plain(name), 0o700, dir_fd=root)
        finally:
            os.close(root)
        return self.path_for(name)

    def list_folder(self, name: str) -> list[str] | None:
        """File names in the folder `name`, or None when it is missing, a link or not a folder."""
        root = self._open_root()
        try:
            fd = os.open(_plain(name), os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=root)
        except OSError:
            return None
        finally:
            os.close(root)
        try:
            names = []
            with os.scandir(fd) as entries:
                for entry in entries:
                    names.append(entry.name)
                    if len(names) >= MAX_ENTRIES:
                        break
            return sorted(names)
        finally:
            os.close(fd)

    def is_folder(self, name: str) -> bool:
        root = self._open_root()
        try:
            st = os.stat(_plain(name), dir_fd=root, follow_symlinks=False)
        except OSError:
            return False
        finally:
            os.close(root)
        return stat.S_ISDIR(st.st_mode)

    def rename(self, name: str, new_name: str) -> None:
        """Rename within the job's folder; a rename follows no link and copies nothing."""
        root = self._open_root()
        try:
            os.rename(_plain(name), _plain(new_name), src_dir_fd=root, dst_dir_fd=root)
        finally:
            os.close(root)

    def read_text(self, name: str, cap: int = MAX_READ) -> str | None:
        """A regular file's first `cap` bytes as text, or None when it is missing, a link or not a regular file."""
        root = self._open_root()
        try:
            fd = os.open(_plain(name), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=root)
        except OSError:
            return None
        finally:
            os.close(root)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            return os.read(fd, cap).decode("utf-8", errors="replace")
        finally:
            os.close(fd)
