"""Hardening of the tutor's own process against the code it grades.

A process of the same user can read another's /proc/PID/environ and /proc/PID/mem, or attach a debugger to it,
unless that process is non-dumpable. The tutor holds what a submission must not see (its environment, the
progress key, results before they are recorded), so the commands that grade make themselves non-dumpable first.
Programs the tutor execs (bwrap, the sandboxed workers) start dumpable again: the kernel resets the flag on exec.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import sys

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:
        return None


def make_non_dumpable() -> bool:
    """prctl(PR_SET_DUMPABLE, 0): True when this process is now non-dumpable; False where it cannot be (not Linux)."""
    libc = _libc()
    if libc is None:
        return False
    if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        return False
    return libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0
