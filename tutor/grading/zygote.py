"""A fork server that has already imported a runtime (numpy, or TensorFlow) and forks one limited child per job.

It runs inside the sandbox (bwrap where present). Clients connect to its control socket and send JSON lines:
  {"op": "fork", "job_dir": ..., "sock": ..., "seed": ..., "memory_mb": ..., "cpu_s": ..., "max_procs": ...,
   "disk_mb": ...} with the write end of the job's output pipe attached (SCM_RIGHTS)
    -> {"pid": N}, later {"exit": N, "status": code (or -signal), "reason": null | "memory" | "procs" | "disk"}
  {"op": "kill", "pid": N}
Each job gets its own namespaces where the kernel allows (tutor/grading/isolation.py): its worker is pid 1 of a
pid namespace, so nothing it starts outlives it. The zygote also watches each job's process tree (PSS and count)
and its folder's size, and kills it past its limits; it is a child subreaper, so processes that escape a job
without namespaces are adopted here and killed when the job ends.
The cold path (`tutor submit` from a shell) starts a fresh zygote for one job: same code, just slower.
"""
from __future__ import annotations

import argparse
import ctypes
import json
import os
import resource
import selectors
import signal
import socket
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

POLL_S = 0.02
DISK_POLL_S = 0.25
WATCH_FAST_S, WATCH_SLOW_S = 1.0, 0.25
PSS_EVERY_S = 2.0  # the peak's precise figure; the limit itself is checked at every look (see Zygote.watch)
PR_SET_CHILD_SUBREAPER = 36
PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Ask the kernel to kill this process when its parent dies (no orphaned zygotes or jobs)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def preload(runtime: str) -> None:
    """Import what the runtime needs, before any fork, so each child starts warm."""
    import numpy  # noqa: F401

    _preload_job_modules()

    if runtime == "numpy":
        return
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    if runtime == "tensorflow-legacy":
        os.environ["TF_USE_LEGACY_KERAS"] = "1"
    if os.environ.get("KERAS_BACKEND", "tensorflow") != "tensorflow":
        import keras  # noqa: F401  (Keras 3 on JAX or PyTorch: TensorFlow is not needed)

        return
    import tensorflow as tf  # noqa: F401

    if runtime == "tensorflow-legacy":
        import tf_keras  # noqa: F401

        tf.compat.v1.disable_eager_execution()
    else:
        import keras  # noqa: F401


def _preload_job_modules() -> None:
    """What every job imports whatever the learner's code does: the worker, its isolation, and the random
    modules it seeds. Imported once here rather than in each job (where it was compiled anew each time: jobs
    write no bytecode); each job still seeds its own generators (worker.run_worker)."""
    import random  # noqa: F401

    import numpy.random  # noqa: F401

    import tutor.grading.isolation  # noqa: F401
    import tutor.grading.worker  # noqa: F401


def namespaces_work() -> bool:
    """Whether a forked job can get its own namespaces here (tried once, in a throwaway child)."""
    pid = os.fork()
    if pid == 0:
        from tutor.grading.isolation import enter_namespaces

        os._exit(0 if enter_namespaces() else 1)
    _, status = os.waitpid(pid, 0)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def runtime_info(runtime: str) -> dict:
    """Versions and visible GPUs, for the result and for `--device gpu` to refuse clearly."""
    import numpy

    info: dict = {"versions": {"python": sys.version.split()[0], "numpy": numpy.__version__}, "gpus": 0}
    keras3 = sys.modules.get("keras")
    if keras3 is not None and hasattr(keras3, "backend"):
        info["versions"]["keras_backend"] = keras3.backend.backend()
    tf = sys.modules.get("tensorflow")
    if tf is not None:
        info["versions"]["tensorflow"] = tf.__version__
        keras = sys.modules.get("tf_keras" if runtime == "tensorflow-legacy" else "keras")
        if keras is not None:
            info["versions"]["keras"] = keras.__version__
        info["gpus"] = len(tf.config.list_physical_devices("GPU"))
    return info


@dataclass
class Job:
    pid: int
    conn: socket.socket
    memory_mb: int
    max_procs: int
    job_dir: str = ""
    disk_mb: int = 256
    reason: str | None = None
    peak_mb: float = 0.0
    started: float = field(default_factory=time.monotonic)
    disk_checked: float = 0.0
    watched: float = 0.0
    peak_procs: int = 0
    pss_at: float = 0.0


def _child(request: dict, runtime: str, out_fd: int, view: dict) -> None:
    """In the forked child: new session, its own namespaces, limits, output to the pipe, then serve the grader."""
    try:
        os.setsid()
        die_with_parent()
        os.dup2(out_fd, 1)
        os.dup2(out_fd, 2)
        os.close(out_fd)
        sys.stdout = os.fdopen(1, "w", buffering=1, closefd=False)
        sys.stderr = os.fdopen(2, "w", buffering=1, closefd=False)
        # As in plain Python: a write to a closed pipe or socket raises BrokenPipeError in the learner's code,
        # rather than killing the job with SIGPIPE (a "crash" the learner did not cause by crashing).
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a file past the size limit fails the write, not the process
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        job_dir = Path(request["job_dir"])
        from tutor.grading.isolation import JobView, isolate

        memory_mb = int(request.get("memory_mb", 1024))
        isolate(JobView(str(job_dir), tuple(view.get("runtime", ())), tuple(view.get("cover", ())),
                        tuple(view.get("make_dirs", ())), tmp_mb=max(16, min(256, memory_mb // 2)),
                        read_only_rest=bool(view.get("read_only_rest"))), allow=bool(view.get("namespaces")))
        cpu = int(request.get("cpu_s", 60))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 << 20, 64 << 20))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        nproc = int(request.get("max_procs", 64))
        soft, hard = resource.getrlimit(resource.RLIMIT_NPROC)
        resource.setrlimit(resource.RLIMIT_NPROC, (min(nproc + 512, hard) if hard > 0 else nproc + 512, hard))
        from tutor.grading.worker import run_worker

        run_worker(request["sock"], job_dir, runtime, int(request.get("seed", 0)))
    except BaseException:
        import traceback

        traceback.print_exc()
        os._exit(70)
    os._exit(0)


def _folder_mb(folder: str, cap_entries: int = 20000) -> float:
    """Disk used under the job's folder, never following links; a folder with too many entries counts as full."""
    total, seen, stack = 0, 0, [folder]
    while stack:
        try:
            entries = os.scandir(stack.pop())
        except OSError:
            continue
        with entries:
            for entry in entries:
                seen += 1
                if seen > cap_entries:
                    return float("inf")
                try:
                    st = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                total += st.st_blocks * 512
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
    return total / 2**20


def _tree(pid: int) -> list:
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root] + root.children(recursive=True)
    except psutil.Error:
        procs = []
    # Orphans re-parented to us keep the job's session id even when their parent died.
    seen = {p.pid for p in procs}
    for p in psutil.Process().children():
        if p.pid not in seen and p.pid != pid:
            try:
                if os.getsid(p.pid) == pid:
                    procs.append(p)
                    procs.extend(p.children(recursive=True))
            except (OSError, psutil.Error):
                pass
    return procs


def _kill_orphans(jobs: dict) -> None:
    """Kill what was adopted here but belongs to no running job: a job's leftovers (a daemon that left its
    session), only possible where the job had no pid namespace of its own."""
    import psutil

    for p in psutil.Process().children():
        if p.pid in jobs:
            continue
        for q in [p] + _safe_children(p):
            try:
                q.kill()
            except psutil.Error:
                pass


def _safe_children(p: object) -> list:
    import psutil

    try:
        return p.children(recursive=True)
    except psutil.Error:
        return []


def _pss(p: object) -> int:
    """Proportional set size: pages shared with the zygote and siblings count once, not once per process."""
    import psutil

    try:
        with open(f"/proc/{p.pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return p.memory_info().rss
    except psutil.Error:
        return 0


def _rss(p: object) -> int:
    """Resident set size, from /proc/PID/statm: a bound from above of the PSS, read in constant time."""
    import psutil

    try:
        return p.memory_info().rss
    except psutil.Error:
        return 0


def _kill_tree(pid: int) -> None:
    import psutil

    for p in _tree(pid):
        try:
            p.kill()
        except psutil.Error:
            pass
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass


class Zygote:
    def __init__(self, control: str, runtime: str, view: dict | None = None) -> None:
        self.runtime = runtime
        self.view = view or {}
        self.fds: dict[socket.socket, list[int]] = {}
        self.sel = selectors.DefaultSelector()
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(control)
        self.listener.listen(64)
        self.listener.setblocking(False)
        self.sel.register(self.listener, selectors.EVENT_READ)
        self.buffers: dict[socket.socket, bytes] = {}
        self.jobs: dict[int, Job] = {}

    def from_a_job(self, conn: socket.socket) -> bool:
        """Whether the peer runs inside one of our jobs. Under bwrap the trusted side is outside this pid
        namespace and shows as pid 0; without it, we look for the peer among our descendants."""
        import struct

        import psutil

        try:
            pid = struct.unpack("3i", conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i")))[0]
        except OSError:
            return True
        if pid <= 0:
            return False
        me = os.getpid()
        try:
            return any(parent.pid == me for parent in psutil.Process(pid).parents())
        except psutil.Error:
            return False

    def reply(self, conn: socket.socket, message: dict) -> None:
        try:
            conn.setblocking(True)
            conn.sendall((json.dumps(message) + "\n").encode())
            conn.setblocking(False)
        except OSError:
            pass

    def fork(self, conn: socket.socket, request: dict) -> None:
        pending = self.fds.get(conn) or []
        if not pending:
            self.reply(conn, {"error": "no output channel attached"})
            return
        out_fd = pending.pop(0)
        pid = os.fork()
        if pid == 0:
            self.listener.close()
            for c in list(self.buffers):
                c.close()
            for fds in self.fds.values():
                for fd in fds:
                    os.close(fd)
            _child(request, self.runtime, out_fd, self.view)
        os.close(out_fd)
        self.jobs[pid] = Job(pid, conn, int(request.get("memory_mb", 1024)), int(request.get("max_procs", 64)),
                             job_dir=str(request.get("job_dir", "")), disk_mb=int(request.get("disk_mb", 256)))
        self.reply(conn, {"pid": pid})

    def watch(self) -> None:
        now = time.monotonic()
        for job in list(self.jobs.values()):
            if job.reason:
                continue
            # Every 20 ms in a job's first second (fork and memory bombs strike at import), every 250 ms after:
            # each look reads the whole process table, which a long Keras training would otherwise pay for.
            if now - job.started > WATCH_FAST_S and now - job.watched < WATCH_SLOW_S:
                continue
            job.watched = now
            procs = _tree(job.pid)
            job.peak_procs = max(job.peak_procs, len(procs))
            # PSS (smaps_rollup) walks the job's whole address space: 23 ms of CPU per look at a 1 GB TensorFlow
            # worker, a fifth of a core beside a Keras training (measured). RSS (statm, constant time) is never
            # below PSS, so while the RSS sum is under the limit so is the PSS: the precise figure is taken only
            # when it could matter, and every PSS_EVERY_S for the peak. The kill decisions are unchanged.
            pss = 0
            if sum(_rss(p) for p in procs) > job.memory_mb * 2**20 or now - job.pss_at >= PSS_EVERY_S:
                job.pss_at = now
                for p in procs:
                    pss += _pss(p)
                job.peak_mb = max(job.peak_mb, pss / 2**20)
            # Count first: forks share pages, so a fork bomb would otherwise read as a memory bomb.
            if len(procs) > job.max_procs:
                job.reason = "procs"
            elif pss > job.memory_mb * 2**20:
                job.reason = "memory"
            elif job.job_dir and now - job.disk_checked > DISK_POLL_S:
                job.disk_checked = now
                if _folder_mb(job.job_dir) > job.disk_mb:
                    job.reason = "disk"
            if job.reason:
                _kill_tree(job.pid)
        self.reap()

    def reap(self) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            job = self.jobs.pop(pid, None)
            if job is None:
                continue  # an orphan that we adopted as subreaper
            # What the job left behind still counts: a fork bomb that finished fast is still a fork bomb.
            leftovers = _tree(pid)
            if job.reason is None and max(len(leftovers) + 1, job.peak_procs) > job.max_procs:
                job.reason = "procs"
            _kill_tree(pid)
            if not self.jobs:
                _kill_orphans(self.jobs)
            code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
            self.reply(job.conn, {"exit": pid, "status": code, "reason": job.reason, "peak_mb": round(job.peak_mb, 1)})

    def drop(self, conn: socket.socket) -> None:
        for job in [j for j in self.jobs.values() if j.conn is conn]:
            _kill_tree(job.pid)
        self.sel.unregister(conn)
        self.buffers.pop(conn, None)
        for fd in self.fds.pop(conn, []):
            os.close(fd)
        conn.close()

    def serve(self) -> None:
        while True:
            for key, _ in self.sel.select(timeout=POLL_S):
                if key.fileobj is self.listener:
                    try:
                        conn, _ = self.listener.accept()
                    except BlockingIOError:
                        continue
                    if self.from_a_job(conn):
                        conn.close()  # a submission must not fork, kill or stop other jobs
                        continue
                    conn.setblocking(False)
                    self.sel.register(conn, selectors.EVENT_READ)
                    self.buffers[conn] = b""
                    self.fds[conn] = []
                    continue
                conn = key.fileobj
                try:
                    data, fds, _, _ = socket.recv_fds(conn, 65536, 4)
                except (BlockingIOError, InterruptedError):
                    continue
                except OSError:
                    data, fds = b"", []
                if fds:
                    self.fds.setdefault(conn, []).extend(fds)
                    if len(self.fds[conn]) > 8:  # nobody honest sends more than one pipe per fork
                        self.drop(conn)
                        continue
                if not data:
                    self.drop(conn)
                    continue
                self.buffers[conn] += data
                while b"\n" in self.buffers.get(conn, b""):
                    line, self.buffers[conn] = self.buffers[conn].split(b"\n", 1)
                    self.handle(conn, json.loads(line))
            self.watch()

    def handle(self, conn: socket.socket, request: dict) -> None:
        op = request.get("op")
        if op == "fork":
            self.fork(conn, request)
        elif op == "kill":
            pid = int(request["pid"])
            if pid in self.jobs:
                self.jobs[pid].reason = self.jobs[pid].reason or request.get("reason")
                _kill_tree(pid)
        elif op == "ping":
            self.reply(conn, {"pong": os.getpid()})
        elif op == "shutdown":
            for job in list(self.jobs.values()):
                _kill_tree(job.pid)
            sys.exit(0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--control", required=True)
    parser.add_argument("--runtime", default="numpy")
    parser.add_argument("--view", default="{}", help="JSON: what each job sees (see isolation.JobView)")
    args = parser.parse_args()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    die_with_parent()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    import psutil  # noqa: F401  (imported before forking, so the watcher is ready)

    preload(args.runtime)
    view = json.loads(args.view)
    if view.get("bwrap"):
        from tutor.grading.isolation import make_non_dumpable

        make_non_dumpable()  # every job is forked non-dumpable: the zygote's /proc, shared by jobs, shows them
    if view.get("namespaces"):
        view["namespaces"] = namespaces_work()
    zygote = Zygote(args.control, args.runtime, view)
    print(json.dumps({"ready": os.getpid(), "namespaces": bool(view.get("namespaces")),
                      **runtime_info(args.runtime)}), flush=True)
    zygote.serve()


if __name__ == "__main__":
    main()
