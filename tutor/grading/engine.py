"""`grade()`: the one function that grades. The CLI, the TUI and batch grading all call it."""
from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from tutor.grading.devices import DeviceError, check_backend_installed, device_used, plan_device
from tutor.grading.config import GraderConfig, expected_signatures
from tutor.grading.result import CheckResult, GradeResult, Misconception
from tutor.grading.sandbox import (Hidden, RunnerServer, SandboxError, Zygote, ZygotePool, default_hidden,
                                    launch_zygote)

if TYPE_CHECKING:
    from tutor.core.course import Exercise

RUNNER_GRACE_S = 60.0
GRADE_MARGIN_S = 30.0  # on top of the exercise's timeout: loading, the reference worker, the checks themselves
MAX_SUBMISSION_BYTES = 1 << 20


class SubmissionFileError(ValueError):
    """The file to grade cannot be read at all: bad input, nothing is graded or recorded."""


def read_submission(path: Path) -> bytes:
    if not path.exists():
        raise SubmissionFileError(f"{path}: no such file; check the path or run `tutor init` to create the workspace")
    if path.is_dir():
        raise SubmissionFileError(f"{path} is a directory; pass the exercise's .py file")
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_SUBMISSION_BYTES + 1)
    except OSError as exc:
        raise SubmissionFileError(f"{path}: cannot read it ({exc.strerror}); check its permissions") from None
    if len(data) > MAX_SUBMISSION_BYTES:
        raise SubmissionFileError(f"{path}: larger than {MAX_SUBMISSION_BYTES >> 20} MiB; a submission is one .py "
                                  "file of source code")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SubmissionFileError(f"{path}:{line}: the file is not UTF-8 text; save it as UTF-8") from None
    return data


def _find_workspace(path: Path) -> Path | None:
    for parent in [path.parent, *path.parent.parents]:
        if (parent / ".tutor").is_dir():
            return parent
    return None


def grade(exercise: Exercise, path: Path | str, *, device: str = "auto", backend: str = "tensorflow",
          on_event: Callable[[dict], None] | None = None, lang: str = "en", pool: ZygotePool | None = None,
          cancel: threading.Event | None = None, reference: Path | None = None,
          detect_misconceptions: bool = True, trusted_in_process: bool = False) -> GradeResult:
    """Grade the file at `path` as a submission for `exercise`.

    Raises SubmissionFileError (unreadable file) and DeviceError (impossible --device) for bad input;
    everything the submission does becomes a verdict in the result.

    trusted_in_process: run the trusted grader (pytest) in this process instead of a child process. Only for a
    one-shot process such as `tutor submit`, where it saves a Python start; never inside another pytest run.
    """
    path = Path(path)
    source = read_submission(path)
    sha = hashlib.sha256(source).hexdigest()
    spec = exercise.spec
    plan = plan_device(device, spec.device, spec.runtime, backend)
    if spec.runtime != "numpy":
        check_backend_installed(plan)
    started = time.monotonic()
    emit = on_event or (lambda e: None)
    own_zygote: Zygote | None = None
    runner: RunnerServer | None = None
    try:
        if pool is not None:
            runner = pool.runner()
            zygote = pool.get(spec.runtime, plan)
        else:
            emit({"kind": "status", "message": "starting the worker"})
            hidden = default_hidden(tuple({exercise.lesson.root}), _find_workspace(path.resolve()))
            zygote = own_zygote = launch_zygote(spec.runtime, plan, hidden)
            if plan.requested == "gpu":
                zygote.wait_ready()  # refuse a missing GPU before any grading starts
    except SandboxError as exc:
        return _infra(exercise, str(exc), sha, started)
    try:
        if own_zygote is not None and not own_zygote.info:
            summary, failure = _run_beside_startup(own_zygote, lambda stop: _run_grader(
                exercise, path, own_zygote, lang, emit, stop, reference or exercise.solution, runner,
                in_process=trusted_in_process, source=source), cancel)
            if failure is not None:
                return _infra(exercise, failure, sha, started)
        else:
            summary = _run_grader(exercise, path, zygote, lang, emit, cancel, reference or exercise.solution, runner,
                                  source=source)
        used = device_used(plan, int(zygote.info.get("gpus", 0)))
        base = dict(exercise=exercise.id, code_sha256=sha, device=used, sandbox=zygote.sandbox,
                    versions=dict(zygote.info.get("versions", {})))
        result = _assemble(exercise, summary, base)
        # A variant never raises where the learner's code did (e.g. an untouched TODO): no need to compare then.
        raised = any(c.traceback for c in result.checks)
        if detect_misconceptions and result.status == "failed" and spec.misconceptions and reference is None \
                and not raised:
            result = _with_misconception(exercise, path, zygote, lang, cancel, result, runner, source)
    finally:
        if own_zygote is not None:
            own_zygote.stop()
    return _replace(result, duration_s=round(time.monotonic() - started, 3))


def _run_beside_startup(zygote: Zygote, run: Callable[[threading.Event], dict],
                        cancel: threading.Event | None) -> tuple[dict, str | None]:
    """Cold path: start the grader while the zygote imports its runtime; stop the grader if the zygote fails."""
    stop = threading.Event()
    failure: list[str] = []

    def wait() -> None:
        try:
            zygote.wait_ready()
        except SandboxError as exc:
            failure.append(str(exc))
            stop.set()

    def relay() -> None:
        while cancel is not None and not stop.is_set():
            if cancel.wait(0.05):
                stop.set()

    waiter = threading.Thread(target=wait, daemon=True)
    waiter.start()
    threading.Thread(target=relay, daemon=True).start()
    summary = run(stop)
    waiter.join()
    if failure:
        return summary, failure[0]
    if cancel is not None and cancel.is_set():
        summary = {"cancelled": True}
    stop.set()
    return summary, None


def _run_grader(exercise: Exercise, path: Path, zygote: Zygote, lang: str, emit: Callable[[dict], None],
                cancel: threading.Event | None, reference: Path, runner: RunnerServer | None = None,
                failfast: bool = False, in_process: bool = False, source: bytes = b"") -> dict:
    spec = exercise.spec
    config = GraderConfig(exercise=exercise.id, submission=str(path.resolve()), starter=str(exercise.starter),
                          reference=str(reference), control=zygote.control, base=str(zygote.base),
                          timeout_s=spec.timeout, memory_mb=spec.memory_mb, seed=0, lang=lang, runtime=spec.runtime,
                          expected=expected_signatures(str(exercise.starter)), source=source.decode("utf-8"),
                          deadline=time.time() + spec.timeout + GRADE_MARGIN_S)
    if not exercise.grader.is_file():
        return {"infra": f"no grader at {exercise.grader}"}
    request = {"config": config.__dict__, "grader": str(exercise.grader), "failfast": failfast}
    deadline = time.monotonic() + spec.timeout + RUNNER_GRACE_S
    if runner is not None:
        return _run_warm(runner, request, emit, cancel, deadline)
    if in_process:
        from tutor.grading.runner import run

        sink = _ReportSink(emit)
        run(request, sink)
        return sink.summary if sink.summary is not None else {"infra": "the grader did not report"}
    read_fd, write_fd = os.pipe()
    env = dict(os.environ, PYTEST_DISABLE_PLUGIN_AUTOLOAD="1", TUTOR_LANG=lang, PYTHONDONTWRITEBYTECODE="1")
    try:
        proc = subprocess.Popen([sys.executable, "-m", "tutor.grading.runner", str(write_fd)], pass_fds=(write_fd,),
                                env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, start_new_session=True)
    finally:
        os.close(write_fd)
    try:  # the request (with the source, up to 1 MiB) on stdin: too large for an environment variable
        proc.stdin.write(json.dumps(request).encode())
        proc.stdin.close()
    except OSError:
        pass
    killer = threading.Thread(target=_watch_runner, args=(proc, deadline, cancel), daemon=True)
    killer.start()
    with os.fdopen(read_fd, "r", encoding="utf-8", errors="replace") as lines:
        summary = _read_report(lines, emit)
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    proc.wait()
    if cancel is not None and cancel.is_set():
        return {"cancelled": True}
    if summary is None:
        return {"infra": f"the grader process stopped (exit {proc.returncode}): {stderr[-1500:].strip()}"}
    return summary


class _ReportSink:
    """Stands in for the report pipe when the trusted grader runs in this process."""

    def __init__(self, emit: Callable[[dict], None]) -> None:
        self.emit, self.summary, self._buffer = emit, None, ""

    def write(self, text: str) -> int:
        self._buffer += text
        lines = self._buffer.split("\n")
        self._buffer = lines.pop()
        summary = _read_report(lines, self.emit)
        if summary is not None:
            self.summary = summary
        return len(text)

    def flush(self) -> None:
        pass


def _read_report(lines: Any, emit: Callable[[dict], None]) -> dict | None:
    summary = None
    for line in lines:
        try:
            message = json.loads(line)
        except json.JSONDecodeError:
            continue
        if "event" in message:
            try:
                emit(message["event"])
            except Exception:
                pass  # a broken display must not break grading
        elif "summary" in message:
            summary = message["summary"]
    return summary


def _run_warm(runner: RunnerServer, request: dict, emit: Callable[[dict], None],
              cancel: threading.Event | None, deadline: float) -> dict:
    """The same report, from a child forked by the warm runner server, over its own connection."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(runner.control)
    except OSError as exc:
        return {"infra": f"the warm grader is not reachable: {exc}"}
    stream = sock.makefile("rw", encoding="utf-8", errors="replace", newline="\n")
    stream.write(json.dumps(request) + "\n")
    stream.flush()
    first = stream.readline()
    try:
        pid = int(json.loads(first)["pid"])
    except (ValueError, KeyError, TypeError):
        sock.close()
        return {"infra": "the warm grader did not answer"}
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.05):
            if time.monotonic() > deadline or (cancel is not None and cancel.is_set()):
                try:
                    os.killpg(pid, 9)
                except OSError:
                    pass
                return

    threading.Thread(target=watch, daemon=True).start()
    try:
        summary = _read_report(stream, emit)
    finally:
        done.set()
        sock.close()
    if cancel is not None and cancel.is_set():
        return {"cancelled": True}
    return summary if summary is not None else {"infra": "the grader process stopped before reporting"}


def _watch_runner(proc: subprocess.Popen, deadline: float, cancel: threading.Event | None) -> None:
    while proc.poll() is None:
        if time.monotonic() > deadline or (cancel is not None and cancel.is_set()):
            try:
                os.killpg(proc.pid, 9)
            except OSError:
                pass
            return
        time.sleep(0.05)


def _assemble(exercise: Exercise, summary: dict, base: dict[str, Any]) -> GradeResult:
    spec = exercise.spec
    checks = tuple(CheckResult.from_dict(c) for c in summary.get("checks", []))
    got = sum(c.points for c in checks)
    total = sum(c.max_points for c in checks)
    score = round(spec.points * got / total, 2) if total else 0.0
    message, detail = "", ""
    if summary.get("cancelled"):
        status, message = "infra", "cancelled by the learner"
    elif summary.get("infra"):
        status, message = "infra", f"the tutor could not grade this (not your fault): {summary['infra']}"
    elif summary.get("load_failure"):
        lf = summary["load_failure"]
        status, message, detail = lf["status"], lf["message"], lf.get("detail", "")
    elif summary.get("gone"):
        status, message = summary["gone"]["status"], summary["gone"]["message"]
    elif checks and all(c.status == "passed" for c in checks):
        status = "passed"
    else:
        status = "failed"
    if status == "infra":
        score = 0.0
    return GradeResult(status=status, score=score, max_score=float(spec.points), checks=checks, message=message,
                       detail=detail, metrics=dict(summary.get("metrics", {})),
                       artifacts=dict(summary.get("artifacts", {})), stdout=summary.get("stdout", ""), **base)


def _with_misconception(exercise: Exercise, path: Path, zygote: Zygote, lang: str,
                        cancel: threading.Event | None, result: GradeResult,
                        runner: RunnerServer | None = None, source: bytes = b"") -> GradeResult:
    """A failed submission that passes every check against a known-wrong variant made that variant's mistake.

    The variants are graded side by side (each in its own grader and worker); the first in manifest order wins.
    """
    from concurrent.futures import ThreadPoolExecutor

    candidates = [m for m in exercise.spec.misconceptions if exercise.misconception_file(m).is_file()]

    def matches(m: Any) -> bool:
        summary = _run_grader(exercise, path, zygote, lang, lambda e: None, cancel, exercise.misconception_file(m),
                              runner, failfast=True, source=source)
        checks = summary.get("checks", [])
        return bool(checks) and not any(summary.get(k) for k in ("infra", "load_failure", "gone", "cancelled")) \
            and all(c["status"] == "passed" for c in checks)

    with ThreadPoolExecutor(max_workers=min(3, len(candidates) or 1)) as executor:
        verdicts = list(executor.map(matches, candidates))
    for m, matched in zip(candidates, verdicts):
        if matched:
            return _replace(result, misconception=Misconception(m.id, m.hint.get(lang)))
    return result


def _infra(exercise: Exercise, message: str, sha: str, started: float) -> GradeResult:
    return GradeResult(exercise=exercise.id, status="infra", score=0.0, max_score=float(exercise.spec.points),
                       message=f"the tutor could not grade this (not your fault): {message}", code_sha256=sha,
                       duration_s=round(time.monotonic() - started, 3))


def _replace(result: GradeResult, **changes: Any) -> GradeResult:
    from dataclasses import replace

    return replace(result, **changes)


__all__ = ["grade", "SubmissionFileError", "DeviceError", "Hidden"]
