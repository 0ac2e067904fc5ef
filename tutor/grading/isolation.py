"""One job, one set of namespaces: what a forked job can see and what outlives it.

Runs in the zygote's forked child, before the learner's code is imported. Where the kernel lets an unprivileged
process create a user namespace (inside bubblewrap too), the child:
  - unshares user, mount, pid, network, IPC and UTS namespaces; a small init is pid 1 of the job's pid namespace
    and the worker its child, so every process the job starts dies with it (the kernel kills the namespace with
    pid 1, which ends as soon as the worker does);
  - covers /tmp and the zygote's folder with fresh tmpfs mounts (a size-limited private /tmp) and binds back only
    its own job folder and the runtime it needs, so no job sees another's files or the zygote's control socket;
  - where there is no bubblewrap, also covers the course, the workspace and $HOME, and makes every other mount
    read-only;
  - under bubblewrap, where the job still sees the zygote's /proc, is born non-dumpable (no other job can read
    its memory or /proc files); everywhere, it drops every capability, so the learner's code cannot undo this.
Where user namespaces are refused, the job runs with process limits only and says so ("none").
"""
from __future__ import annotations

import ctypes
import os
import signal
from dataclasses import dataclass

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
MS_NOATIME, MS_NODIRATIME, MS_RELATIME = 1024, 2048, 1 << 21
PR_GET_DUMPABLE, PR_SET_DUMPABLE, PR_SET_NO_NEW_PRIVS, PR_CAPBSET_DROP, PR_SET_PDEATHSIG = 3, 4, 38, 24, 1
_LAST_CAP = 63

_libc = ctypes.CDLL(None, use_errno=True)


class IsolationError(OSError):
    pass


@dataclass(frozen=True)
class JobView:
    """What one job may see: a writable job folder, read-only runtime folders, and what to cover."""

    job_dir: str
    runtime: tuple[str, ...]  # folders the worker's Python needs, bound back read-only where covered
    cover: tuple[str, ...]  # folders replaced by an empty tmpfs (/tmp, the zygote's folder, more without bwrap)
    make_dirs: tuple[str, ...] = ()  # empty folders to create in the covers (the job's $HOME)
    tmp_mb: int = 256
    read_only_rest: bool = False  # without bubblewrap: every other mount becomes read-only


def _check(ret: int, what: str) -> None:
    if ret != 0:
        err = ctypes.get_errno()
        raise IsolationError(err, f"{what}: {os.strerror(err)}")


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    enc = (lambda s: s.encode() if s is not None else None)
    _check(_libc.mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)), f"mount {target}")


def _write(path: str, text: str) -> None:
    with open(path, "w") as fh:
        fh.write(text)


def enter_namespaces() -> bool:
    """Unshare user, mount, pid, net, IPC and UTS namespaces, mapping our own ids; False where refused.

    A non-dumpable process (every job under bubblewrap) cannot write its own id maps as an ordinary user, so it
    is dumpable just for those writes, before it has a mount namespace of its own to show."""
    uid, gid = os.getuid(), os.getgid()
    if _libc.unshare(CLONE_NEWUSER) != 0:
        return False
    was_dumpable = _libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 1
    try:
        if not was_dumpable:
            _libc.prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)
        _write("/proc/self/setgroups", "deny")
        _write("/proc/self/uid_map", f"{uid} {uid} 1")
        _write("/proc/self/gid_map", f"{gid} {gid} 1")
    except OSError:
        return False
    finally:
        if not was_dumpable:
            _libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    return _libc.unshare(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS) == 0


def _reproduce(status: int) -> None:
    """End this process the way a child ended (same exit code, or same signal)."""
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        try:
            signal.signal(sig, signal.SIG_DFL)
        except (OSError, ValueError):
            pass  # SIGKILL and SIGSTOP have no handler to reset
        os.kill(os.getpid(), sig)
    os._exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 70)


def _wait_for(pid: int) -> int:
    """Reap children until `pid` ends; its raw wait status."""
    while True:
        try:
            done, status = os.wait()
        except InterruptedError:
            continue
        except ChildProcessError:
            return 70 << 8
        if done == pid:
            return status


def start_job_init(view: JobView) -> None:
    """Three processes per job. This one stays outside as the shim the zygote watches; the next is pid 1 of the
    job's pid namespace (it sets up the mounts, reaps orphans, and when the worker ends, ends the namespace and
    every process in it); the third is the worker, the only one that returns from here. The worker's exact exit
    status travels back up on a pipe."""
    read_fd, write_fd = os.pipe()
    init = os.fork()
    if init:
        os.close(write_fd)
        for fd in (0, 1, 2):
            _close_quietly(fd)
        _, status = os.waitpid(init, 0)
        raw = os.read(read_fd, 16)
        _reproduce(int(raw) if raw.strip().isdigit() else (70 << 8))
    os.close(read_fd)
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    apply_view(view)
    worker = os.fork()
    if worker == 0:
        os.close(write_fd)
        _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        return
    for fd in (0, 1, 2):
        _close_quietly(fd)
    status = _wait_for(worker)
    os.write(write_fd, str(status).encode())
    os._exit(0)


def _close_quietly(fd: int) -> None:
    try:
        os.close(fd)
    except OSError:
        pass


def _flags_of(path: str) -> int:
    """The mount flags a remount must keep (a user namespace may not clear nosuid, nodev, ... it inherited)."""
    f = os.statvfs(path).f_flag
    out = 0
    for st, ms in ((1, MS_RDONLY), (2, MS_NOSUID), (4, MS_NODEV), (8, MS_NOEXEC), (1024, MS_NOATIME),
                   (2048, MS_NODIRATIME), (4096, MS_RELATIME)):
        if f & st:
            out |= ms
    return out


def _mount_points() -> list[str]:
    points = []
    with open("/proc/self/mountinfo") as fh:
        for line in fh:
            point = line.split()[4].encode().decode("unicode_escape")
            points.append(point)
    return points


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def apply_view(view: JobView) -> bool:
    """Set up the job's mount namespace (in pid 1 of the job's pid namespace). True when the job got a /proc of
    its own; False when it still sees the zygote's, where the pids of other jobs show."""
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    try:  # a /proc of the job's own pid namespace, where the kernel allows it (not inside bubblewrap)
        _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
        own_proc = True
    except IsolationError:
        own_proc = False  # other jobs' pids show: they are not ours to signal, and non-dumpable (see zygote)
    if view.read_only_rest:
        for point in sorted(set(_mount_points()), key=len):
            if point.startswith(("/proc", "/sys", "/dev")):
                continue
            try:
                _mount(None, point, None, MS_REMOUNT | MS_BIND | MS_RDONLY | _flags_of(point))
            except (IsolationError, OSError):
                pass  # a mount we cannot see into or change stays as it is
    # /dev/shm too: a tmpfs every process of the machine (or of the zygote) shares.
    covers = [c for c in sorted(set(view.cover) | {"/dev/shm"}, key=len) if os.path.isdir(c)]
    covers = [c for i, c in enumerate(covers) if not any(_inside(c, o) for o in covers[:i])]
    keep_rw = [view.job_dir]
    keep_ro = [p for p in view.runtime if any(_inside(p, c) for c in covers)]
    fds = {p: os.open(p, os.O_PATH | os.O_DIRECTORY) for p in keep_rw + keep_ro if os.path.isdir(p)}
    for c in covers:
        size = view.tmp_mb if c == "/tmp" else 1
        _mount("tmpfs", c, "tmpfs", MS_NOSUID | MS_NODEV, f"size={size}m,nr_inodes=65536,mode=1777")
    for p in view.make_dirs:
        if any(_inside(p, c) for c in covers):
            os.makedirs(p, mode=0o700, exist_ok=True)
    for p, fd in sorted(fds.items(), key=lambda kv: len(kv[0])):
        if not any(_inside(p, c) for c in covers):
            continue
        os.makedirs(p, exist_ok=True)
        _mount(f"/proc/self/fd/{fd}", p, None, MS_BIND | MS_REC)
        if p in keep_ro:
            _mount(None, p, None, MS_REMOUNT | MS_BIND | MS_RDONLY | _flags_of(p))
        elif view.read_only_rest:
            _mount(None, p, None, MS_REMOUNT | MS_BIND | (_flags_of(p) & ~MS_RDONLY))
        os.close(fd)
    return own_proc


def make_non_dumpable() -> None:
    """No other process of the same user without CAP_SYS_PTRACE may read this one's memory or /proc files (nor
    trace it). Under bubblewrap the zygote does this once, so every job is born so; the zygote keeps that
    capability to read each job's memory use."""
    _libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def drop_privileges() -> None:
    """No capabilities and no way to gain them back."""
    for cap in range(_LAST_CAP + 1):
        _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]

    header, data = Header(0x20080522, 0), (Data * 2)()
    _check(_libc.capset(ctypes.byref(header), data), "capset")
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")


def isolate(view: JobView, allow: bool = True) -> bool:
    """Put this forked job in its own namespaces (see the module docstring). True when isolated; False when the
    kernel refuses, and the job then runs with process limits only."""
    if not allow or not enter_namespaces():
        drop_privileges()
        return False
    start_job_init(view)
    drop_privileges()
    return True
