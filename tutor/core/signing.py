"""The progress store's signing key: HMAC-SHA256 over each attempt row, so a pass the tutor did not write shows.

The key is 32 random bytes in the workspace's `.tutor/progress.key` (mode 0600), made on first use. Code graded
under bubblewrap cannot read `.tutor/` (the sandbox hides it), so a row it inserts into the database carries no
valid signature. Code graded with no sandbox runs as the learner's user and could read the key too: that mode
says so in its warning. Deleting the key makes every row signed before it count as tampered, never as passed.
"""
from __future__ import annotations

import errno
import hashlib
import hmac
import json
import os
import secrets
import stat
from pathlib import Path
from typing import Sequence

KEY_BYTES = 32
_DOMAIN = "tensor-tutor/attempt/v1"  # a key signs nothing else under this label


class SigningKeyError(RuntimeError):
    """The key file exists but is not a usable key (a link, a folder, the wrong size)."""


def load_or_create_key(path: Path) -> bytes:
    """The key at `path`, created (0600, written whole before it appears) when there is none."""
    for _ in range(3):
        try:
            return _read_key(path)
        except FileNotFoundError:
            pass
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        try:
            os.write(fd, secrets.token_bytes(KEY_BYTES))
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)  # fails if another process made the key first: then theirs is the key
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    return _read_key(path)


def _read_key(path: Path) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SigningKeyError(f"{path} is a symbolic link, not the tutor's key; delete it") from None
        raise
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise SigningKeyError(f"{path} is not a regular file; delete it")
        if st.st_mode & 0o077:
            try:
                os.fchmod(fd, 0o600)  # copied with a looser mode: only the learner reads it
            except OSError:
                pass  # a read-only copy still verifies; nothing to tighten there
        key = os.read(fd, KEY_BYTES + 1)
    finally:
        os.close(fd)
    if len(key) != KEY_BYTES:
        raise SigningKeyError(f"{path} holds {len(key)} bytes, not a {KEY_BYTES}-byte key; delete it")
    return key


def sign(key: bytes, fields: Sequence[object]) -> str:
    return hmac.new(key, _message(fields), hashlib.sha256).hexdigest()


def verify(key: bytes, fields: Sequence[object], signature: object) -> bool:
    if not isinstance(signature, str):
        return False
    try:
        return hmac.compare_digest(sign(key, fields), signature)
    except (TypeError, ValueError):  # a value no tutor writes (a blob where text belongs): not ours
        return False


def _message(fields: Sequence[object]) -> bytes:
    # Floats as repr (SQLite's REAL gives back the same double); JSON keeps field boundaries unambiguous.
    canon = [repr(float(f)) if isinstance(f, (int, float)) and not isinstance(f, bool) else f for f in fields]
    return json.dumps([_DOMAIN, *canon], ensure_ascii=True).encode("ascii")
