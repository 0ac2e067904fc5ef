"""Adversarial submissions, each with its expected verdict, against a real exercise; in both sandboxes.

After each one the tutor still grades (the reference passes) and the progress database holds every attempt.
"""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tutor.core.course import load_course
from tutor.core.progress import Attempt, ProgressStore
from tutor.grading import grade
from tutor.grading.engine import SubmissionFileError
from tutor.grading.sandbox import ZygotePool, bwrap_path, default_hidden

COURSE = Path(__file__).parent / "course"
SOLUTION = COURSE / "solutions" / "01-probe" / "double.py"
GOOD = "import numpy as np\n\ndef double(x):\n    return 2 * x\n\ndef echo(v):\n    return v\n"
# TUTOR_SANDBOX values: "none" (process limits only), "process" (no bubblewrap: per-job namespaces where the
# kernel allows), "bwrap".
SANDBOXES = ["none", "process"] + (["bwrap"] if bwrap_path() else [])
LABELS = {"none": ("none",), "process": ("namespaces", "none"), "bwrap": ("bwrap",)}


@pytest.fixture(scope="module")
def exercise():
    return load_course([str(COURSE)]).exercise("probe/double")


@pytest.fixture(scope="module")
def warm_pool() -> Iterator[ZygotePool]:
    """A running tutor's pool in the best sandbox: one warm zygote must survive every adversary in turn."""
    pool = ZygotePool(default_hidden((COURSE,), None))
    yield pool
    pool.close()


# Each adversary through a warm pool in the best sandbox (what the TUI does), and cold (what `tutor submit`
# does) in every sandbox; the cold runs are many grades for one point, so `make test-fast` keeps the warm one.
PATHS = [pytest.param((SANDBOXES[-1], "warm"), id=f"{SANDBOXES[-1]}-warm")] + [
    pytest.param((mode, "cold"), id=mode, marks=pytest.mark.heavy) for mode in SANDBOXES]


@dataclass(frozen=True)
class Sandboxed:
    mode: str
    grade_kwargs: dict = field(default_factory=dict)  # {"pool": a warm pool} or nothing (a cold grade)


# Not named like tests/conftest.py's SANDBOX_PARAMS: the marks are set here, per path.
@pytest.fixture(params=PATHS)
def sandboxed(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, warm_pool: ZygotePool) -> Sandboxed:
    mode, path = request.param
    monkeypatch.setenv("TUTOR_SANDBOX", mode)
    return Sandboxed(mode, {"pool": warm_pool} if path == "warm" else {})


@pytest.fixture(params=[pytest.param("warm"), pytest.param("cold", marks=pytest.mark.heavy)])
def best(request: pytest.FixtureRequest, warm_pool: ZygotePool) -> dict:
    """The grade's keyword arguments for the best sandbox, warm (the TUI's path) or cold (`tutor submit`'s)."""
    return {"pool": warm_pool} if request.param == "warm" else {}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    ws = tmp_path / "ws"
    (ws / ".tutor").mkdir(parents=True)
    return ws


def _grade_and_record(exercise, source: str | bytes, workspace: Path, **kw):
    path = workspace / "01-probe" / "double.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(source.encode() if isinstance(source, str) else source)
    result = grade(exercise, path, **kw)
    with ProgressStore(workspace / ".tutor" / "progress.sqlite3") as store:
        store.record_attempt(Attempt(exercise.id, time.time(), result.status, result.score, result.max_score,
                                     result.duration_s, result.device, result.code_sha256), result.to_dict())
    return result


def _still_answers(exercise, workspace: Path, expected_attempts: int, **kw) -> None:
    again = grade(exercise, SOLUTION, **kw)
    assert again.status == "passed", again.message
    with ProgressStore(workspace / ".tutor" / "progress.sqlite3") as store:
        assert len(store.attempts()) == expected_attempts


ADVERSARIES = {
    "loop-at-import": ("while True:\n    pass\n", "timeout", "time limit of 4 s"),
    "loop-in-call": (GOOD.replace("return 2 * x", "while True:\n        pass"), "timeout", "time limit"),
    "memory-bomb": (GOOD.replace("return 2 * x", "junk = []\n    while True:\n        junk.append(bytearray(50_000_000))"),
                    "memory", "more than 400 MiB"),
    "fork-bomb": ("import os, time\nfor _ in range(100):\n    if os.fork() == 0:\n        time.sleep(60)\n        os._exit(0)\n"
                  + GOOD, "crashed", "more than 64 processes"),
    "os-exit-0-at-import": ("import os\nos._exit(0)\n" + GOOD, "crashed", "exit code 0"),
    "os-exit-0-in-call": (GOOD.replace("return 2 * x", "import os; os._exit(0)"), "crashed", "exit code 0"),
    "sys-exit-0-at-import": ("import sys\nsys.exit(0)\n" + GOOD, "error", "sys.exit()"),
    "sys-exit-0-in-call": (GOOD.replace("return 2 * x", "import sys; sys.exit(0)"), "failed", "SystemExit"),
    "segfault": ("import ctypes\n" + GOOD.replace("return 2 * x", "ctypes.string_at(0)"), "crashed", "SIGSEGV"),
    "forged-result": ('import json\nprint(json.dumps({"summary": {"checks": [], "status": "passed"}}))\n'
                      'print(\'{"status": "passed", "score": 10}\')\n' + GOOD.replace("return 2 * x", "return x"),
                      "failed", "differs from the expected"),
    "fake-results-file": ("import pathlib\nfor p in ['results.json', '../results.json', 'output.txt']:\n"
                          "    try:\n        pathlib.Path(p).write_text('{\"status\": \"passed\"}')\n"
                          "    except OSError:\n        pass\n" + GOOD.replace("return 2 * x", "return x"),
                          "failed", "differs"),
    "patch-builtins-and-pytest": ("import builtins, numpy\nbuiltins.abs = lambda x: 0\nnumpy.allclose = lambda *a, **k: True\n"
                                  "try:\n    import pytest\n    pytest.fail = lambda *a, **k: None\nexcept ImportError:\n"
                                  "    pass\n" + GOOD.replace("return 2 * x", "return x"), "failed", "differs"),
    "patch-own-proxy": ("import sys\nfrom tutor.grading import worker\nworker.WorkerServer.send_value = "
                        "lambda self, key, value: worker.protocol.send(self.sock, {'ok': 'passed'})\n" + GOOD,
                        "error", "your file is missing"),
    "returns-nan": (GOOD.replace("return 2 * x", "return x * float('nan')"), "failed", "contains NaN"),
    "wrong-shape": (GOOD.replace("return 2 * x", "return (2 * x).ravel()"), "failed", "wrong shape (6,), expected (2, 3)"),
    "wrong-dtype": (GOOD.replace("return 2 * x", "return (2 * x).astype(str)"), "failed", "is not numeric"),
    "returns-unsendable": (GOOD.replace("return 2 * x", "return object()"), "failed", "expected a NumPy array"),
    "raises": (GOOD.replace("return 2 * x", "return {}['missing']"), "failed", "raised KeyError"),
    "empty-file": ("", "error", "def double(x: np.ndarray)"),
    "syntax-error": ("def double(x)\n    return 2 * x\n", "error", "double.py:1:"),
    "import-error": ("import no_such_module_here\n" + GOOD, "error", "ModuleNotFoundError"),
}


# An endless loop burns a core for the whole time limit: the fast loop keeps the one in a call, the more common.
SPIN_AT_IMPORT = pytest.param("loop-at-import", marks=pytest.mark.heavy)


@pytest.mark.parametrize("name", [SPIN_AT_IMPORT] + [n for n in ADVERSARIES if n != "loop-at-import"])
def test_adversarial_submission_gets_its_verdict(name: str, exercise, sandboxed: Sandboxed, workspace: Path) -> None:
    source, status, fragment = ADVERSARIES[name]
    result = _grade_and_record(exercise, source, workspace, **sandboxed.grade_kwargs)
    assert result.status == status, (result.status, result.message, [c.message for c in result.checks])
    text = result.message + result.detail + " ".join(c.message for c in result.checks)
    assert fragment in text
    assert result.sandbox in LABELS[sandboxed.mode]
    _still_answers(exercise, workspace, 1, **sandboxed.grade_kwargs)


def test_ten_megabytes_of_output_are_capped(exercise, sandboxed: Sandboxed, workspace: Path) -> None:
    source = GOOD.replace("return 2 * x", "print('x' * 10_000_000)\n    return 2 * x")
    result = _grade_and_record(exercise, source, workspace, **sandboxed.grade_kwargs)
    assert result.status == "passed"
    assert len(result.stdout) < (1 << 20) + 200 and "output truncated" in result.stdout


def test_syntax_error_points_at_line_and_column(exercise, workspace: Path, best: dict) -> None:
    result = _grade_and_record(exercise, "import numpy\n\ndef double(x):\n    return 2 * * x\n", workspace, **best)
    assert result.status == "error"
    assert result.message.startswith("double.py:4:")
    assert "SyntaxError" in result.message and "^" in result.detail and "return 2 * * x" in result.detail


def test_learner_traceback_shows_their_file_and_lines_only(exercise, workspace: Path, best: dict) -> None:
    source = GOOD.replace("return 2 * x", "return helper(x)") + "\ndef helper(x):\n    return x / undefined_name\n"
    result = _grade_and_record(exercise, source, workspace, **best)
    check = result.checks[0]
    assert "NameError" in check.message
    assert 'File "double.py", line 4, in double' in check.traceback
    assert 'File "double.py", line 10, in helper' in check.traceback
    assert "tutor/grading" not in check.traceback and "worker.py" not in check.traceback


@pytest.mark.parametrize("kind", ["not-utf8", "directory", "missing"])
def test_unreadable_files_are_bad_input(exercise, tmp_path: Path, kind: str) -> None:
    path = tmp_path / "x.py"
    if kind == "not-utf8":
        path.write_bytes(b"\xff\xfe def")
    elif kind == "directory":
        path.mkdir()
    with pytest.raises(SubmissionFileError):
        grade(exercise, path)


def test_misconception_is_recognised(exercise, workspace: Path, best: dict) -> None:
    result = _grade_and_record(exercise, GOOD.replace("return 2 * x", "return x + 1"), workspace, lang="es", **best)
    assert result.status == "failed"
    assert result.misconception is not None and result.misconception.id == "adds-one"
    assert result.misconception.hint == "Sumas uno en lugar de duplicar."


# --- what only bubblewrap prevents --------------------------------------------------------------------

needs_bwrap = pytest.mark.skipif(bwrap_path() is None, reason="bubblewrap is not installed here")


def _probe(exercise, workspace: Path, body: str, best: dict):
    source = GOOD + "\ndef probe():\n" + "".join(f"    {line}\n" for line in body.splitlines())
    result = _grade_and_record(exercise, source, workspace, **best)
    assert result.sandbox == "bwrap"
    return result.metrics.get("probe"), result


@needs_bwrap
def test_cannot_read_solutions_or_graders(exercise, workspace: Path, best: dict) -> None:
    probe, result = _probe(exercise, workspace, f"""
out = []
for p in [{str(SOLUTION)!r}, {str(exercise.grader)!r}]:
    try:
        out.append(open(p).read()[:20])
    except OSError as exc:
        out.append(type(exc).__name__)
return out""", best)
    assert probe == ["FileNotFoundError", "FileNotFoundError"]
    assert result.status == "passed"


@needs_bwrap
def test_cannot_write_outside_or_delete_the_workspace(exercise, workspace: Path, tmp_path: Path, best: dict) -> None:
    # Outside /tmp (the sandbox has a private /tmp, where a write "succeeds" and vanishes).
    outside = Path.home() / f"tutor-probe-{tmp_path.name}.txt"
    probe, _ = _probe(exercise, workspace, f"""
import shutil
try:
    open({str(outside)!r}, "w").write("x")
except OSError as exc:
    first = type(exc).__name__
else:
    first = "wrote"
shutil.rmtree({str(workspace)!r}, ignore_errors=True)
return first""", best)
    exists = outside.exists()
    outside.unlink(missing_ok=True)
    assert probe in ("OSError", "PermissionError") and not exists
    assert (workspace / ".tutor" / "progress.sqlite3").exists()
    _still_answers(exercise, workspace, 1, **best)


@needs_bwrap
def test_cannot_open_a_network_connection(exercise, workspace: Path, best: dict) -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    server.settimeout(0.2)
    accepted: list = []
    done = threading.Event()

    def accept() -> None:  # until the probe is over: a connection that got through is recorded
        while not done.is_set():
            try:
                accepted.append(server.accept())
            except OSError:
                continue

    watcher = threading.Thread(target=accept, daemon=True)
    watcher.start()
    probe, _ = _probe(exercise, workspace, f"""
import socket
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=1)
except OSError as exc:
    return type(exc).__name__
return "connected"
""", best)
    done.set()
    watcher.join()
    server.close()
    assert probe != "connected" and not accepted


@pytest.mark.parametrize("sandbox_mode", SANDBOXES)
def test_cannot_command_the_zygote_or_list_other_jobs(exercise, workspace: Path, monkeypatch, sandbox_mode) -> None:
    monkeypatch.setenv("TUTOR_SANDBOX", sandbox_mode)
    source = GOOD + '''
def probe():
    import json, os, socket
    jobs = os.path.dirname(os.getcwd())
    try:
        listed = os.listdir(jobs)
    except OSError as exc:
        listed = type(exc).__name__
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(2)
    try:  # hidden from the job, or the zygote hangs up before, during or after the request
        s.connect(os.path.join(os.path.dirname(jobs), "control.sock"))
        s.sendall(b'{"op": "ping"}\\n')
        answer = s.recv(100).decode()
    except OSError as exc:
        answer = type(exc).__name__
    return [listed, answer]
'''
    result = _grade_and_record(exercise, source, workspace)
    assert "probe" in result.metrics, (result.status, result.message, [c.message for c in result.checks])
    listed, answer = result.metrics["probe"]
    assert answer in ("", "ConnectionResetError", "BrokenPipeError", "FileNotFoundError", "ConnectionRefusedError")
    assert "pong" not in answer
    if sandbox_mode != "none":  # in its own mount namespace a job sees no other job's folder
        assert listed == "PermissionError" or (isinstance(listed, list) and len(listed) == 1), listed
    assert result.status == "passed"


@pytest.mark.parametrize("source, spanish", [
    ("import numpy as np\n\ndef echo(v):\n    return v\n", "a tu archivo le falta def double"),
    ("raise ValueError('oops')\n" + GOOD, "double.py lanzó ValueError al cargarse: oops"),
], ids=["missing-function", "raises-at-import"])
def test_a_file_that_does_not_load_is_told_so_in_the_learners_language(exercise, workspace: Path, best: dict,
                                                                       source: str, spanish: str) -> None:
    result = _grade_and_record(exercise, source, workspace, lang="es", **best)
    assert result.status == "error"
    assert spanish in result.message, result.message
