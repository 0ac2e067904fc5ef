"""`grade()`: the one function that grades. The CLI, the TUI and batch grading all call it."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from tutor.grading.devices import DeviceError, device_used, plan_device
from tutor.grading.plugin import GraderConfig, expected_signatures
from tutor.grading.result import CheckResult, GradeResult, Misconception
from tutor.grading.sandbox import Hidden, SandboxError, Zygote, ZygotePool, default_hidden, start_zygote

if TYPE_CHECKING:
    from tutor.core.course import Exercise

RUNNER_GRACE_S = 60.0


class SubmissionFileError(ValueError):
    """The file to grade cannot be read at all: bad input, nothing is graded or recorded."""


def read_submission(path: Path) -> bytes:
    if not path.exists():
        raise SubmissionFileError(f"{path}: no such file; check the path or run `tutor init` to create the workspace")
    if path.is_dir():
        raise SubmissionFileError(f"{path} is a directory; pass the exercise's .py file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SubmissionFileError(f"{path}: cannot read it ({exc.strerror}); check its permissions") from None
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
          detect_misconceptions: bool = True) -> GradeResult:
    """Grade the file at `path` as a submission for `exercise`.

    Raises SubmissionFileError (unreadable file) and DeviceError (impossible --device) for bad input;
    everything the submission does becomes a verdict in the result.
    """
    path = Path(path)
    source = read_submission(path)
    sha = hashlib.sha256(source).hexdigest()
    spec = exercise.spec
    plan = plan_device(device, spec.device, spec.runtime, backend)
    started = time.monotonic()
    emit = on_event or (lambda e: None)
    own_zygote: Zygote | None = None
    try:
        if pool is not None:
            zygote = pool.get(spec.runtime, plan)
        else:
            emit({"kind": "status", "message": "starting the worker"})
            hidden = default_hidden(tuple({exercise.lesson.root}), _find_workspace(path.resolve()))
            zygote = own_zygote = start_zygote(spec.runtime, plan, hidden)
    except SandboxError as exc:
        return _infra(exercise, str(exc), sha, started)
    try:
        used = device_used(plan, int(zygote.info.get("gpus", 0)))
        base = dict(exercise=exercise.id, code_sha256=sha, device=used, sandbox=zygote.sandbox,
                    versions=dict(zygote.info.get("versions", {})))
        summary = _run_grader(exercise, path, zygote, lang, emit, cancel, reference or exercise.solution)
        result = _assemble(exercise, summary, base)
        if detect_misconceptions and result.status == "failed" and spec.misconceptions and reference is None:
            result = _with_misconception(exercise, path, zygote, lang, cancel, result)
    finally:
        if own_zygote is not None:
            own_zygote.stop()
    return _replace(result, duration_s=round(time.monotonic() - started, 3))


def _run_grader(exercise: Exercise, path: Path, zygote: Zygote, lang: str, emit: Callable[[dict], None],
                cancel: threading.Event | None, reference: Path) -> dict:
    spec = exercise.spec
    config = GraderConfig(exercise=exercise.id, submission=str(path.resolve()), starter=str(exercise.starter),
                          reference=str(reference), control=zygote.control, base=str(zygote.base),
                          timeout_s=spec.timeout, memory_mb=spec.memory_mb, seed=0, lang=lang,
                          expected=expected_signatures(str(exercise.starter)))
    if not exercise.grader.is_file():
        return {"infra": f"no grader at {exercise.grader}"}
    read_fd, write_fd = os.pipe()
    env = dict(os.environ, TUTOR_GRADER_CONFIG=json.dumps(config.__dict__), TUTOR_GRADER_FILE=str(exercise.grader),
               PYTEST_DISABLE_PLUGIN_AUTOLOAD="1", TUTOR_LANG=lang, PYTHONDONTWRITEBYTECODE="1")
    try:
        proc = subprocess.Popen([sys.executable, "-m", "tutor.grading.runner", str(write_fd)], pass_fds=(write_fd,),
                                env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, start_new_session=True)
    finally:
        os.close(write_fd)
    deadline = time.monotonic() + spec.timeout + RUNNER_GRACE_S
    summary: dict | None = None
    killer = threading.Thread(target=_watch_runner, args=(proc, deadline, cancel), daemon=True)
    killer.start()
    with os.fdopen(read_fd, "r", encoding="utf-8", errors="replace") as lines:
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
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    proc.wait()
    if cancel is not None and cancel.is_set():
        return {"cancelled": True}
    if summary is None:
        return {"infra": f"the grader process stopped (exit {proc.returncode}): {stderr[-1500:].strip()}"}
    return summary


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
    score = round(spec.points * got / total, 4) if total else 0.0
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
                        cancel: threading.Event | None, result: GradeResult) -> GradeResult:
    """A failed submission that passes every check against a known-wrong variant made that variant's mistake."""
    for m in exercise.spec.misconceptions:
        variant = exercise.misconception_file(m)
        if not variant.is_file():
            continue
        summary = _run_grader(exercise, path, zygote, lang, lambda e: None, cancel, variant)
        checks = summary.get("checks", [])
        if not summary.get("infra") and not summary.get("load_failure") and not summary.get("gone") and checks \
                and all(c["status"] == "passed" for c in checks):
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
