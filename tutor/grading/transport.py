"""How a grade request reaches the trusted grader (pytest + the grading plugin), and its report comes back.

One small interface, three ways, chosen once by the Grader:
  InProcess   the trusted grader runs in this process (a one-shot `tutor submit`: one Python start fewer);
  Subprocess  a fresh trusted grader process, reporting on a pipe only it holds;
  Warm        a child forked by the warm runner server (pytest already imported), over its own connection.
Each returns the runner's summary dict; events stream through `emit` as they come.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from typing import Any, Callable, Protocol

Emit = Callable[[dict], None]


class Transport(Protocol):
    name: str

    def run(self, request: dict, emit: Emit, cancel: threading.Event | None, deadline: float) -> dict:
        """Run one grade request; `deadline` is time.monotonic() past which the grader is stopped."""


def read_report(lines: Any, emit: Emit) -> dict | None:
    """Relay events; return the summary (None if the grader stopped before reporting one)."""
    summary = None
    for line in lines:
        try:
            message = json.loads(line)
        except json.JSONDecodeError:
            continue
        if not isinstance(message, dict):
            continue
        if "event" in message:
            try:
                emit(message["event"])
            except Exception:
                pass  # a broken display must not break grading
        elif "summary" in message:
            summary = message["summary"]
    return summary


class _ReportSink:
    """Stands in for the report pipe when the trusted grader runs in this process."""

    def __init__(self, emit: Emit) -> None:
        self.emit, self.summary, self._buffer = emit, None, ""

    def write(self, text: str) -> int:
        self._buffer += text
        lines = self._buffer.split("\n")
        self._buffer = lines.pop()
        summary = read_report(lines, self.emit)
        if summary is not None:
            self.summary = summary
        return len(text)

    def flush(self) -> None:
        pass


class InProcess:
    """Only for a one-shot process such as `tutor submit`; never inside another pytest run."""

    name = "in-process"

    def run(self, request: dict, emit: Emit, cancel: threading.Event | None, deadline: float) -> dict:
        from tutor.grading.runner import run

        sink = _ReportSink(emit)
        run(request, sink)  # every wait on the worker is bounded by the grade's deadline (request config)
        return sink.summary if sink.summary is not None else {"infra": "the grader did not report"}


def _kill_at(pid: int, deadline: float, cancel: threading.Event | None, done: threading.Event) -> None:
    while not done.wait(0.05):
        if time.monotonic() > deadline or (cancel is not None and cancel.is_set()):
            try:
                os.killpg(pid, 9)
            except OSError:
                pass
            return


class Subprocess:
    name = "subprocess"

    def run(self, request: dict, emit: Emit, cancel: threading.Event | None, deadline: float) -> dict:
        read_fd, write_fd = os.pipe()
        env = dict(os.environ, PYTEST_DISABLE_PLUGIN_AUTOLOAD="1", PYTHONDONTWRITEBYTECODE="1")
        try:
            proc = subprocess.Popen([sys.executable, "-m", "tutor.grading.runner", str(write_fd)],
                                    pass_fds=(write_fd,), env=env, stdin=subprocess.PIPE,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        finally:
            os.close(write_fd)
        try:  # the request (with the source, up to 1 MiB) on stdin: too large for an environment variable
            proc.stdin.write(json.dumps(request).encode())
            proc.stdin.close()
        except OSError:
            pass
        done = threading.Event()
        threading.Thread(target=_kill_at, args=(proc.pid, deadline, cancel, done), daemon=True).start()
        try:
            with os.fdopen(read_fd, "r", encoding="utf-8", errors="replace") as lines:
                summary = read_report(lines, emit)
            stderr = proc.stderr.read(1 << 16).decode(errors="replace") if proc.stderr else ""
            proc.wait()
        finally:
            done.set()
        if cancel is not None and cancel.is_set():
            return {"cancelled": True}
        if summary is None:
            return {"infra": f"the grader process stopped (exit {proc.returncode}): {stderr[-1500:].strip()}"}
        return summary


class Warm:
    """A child of the warm runner server; `control` is the server's socket path."""

    name = "warm"

    def __init__(self, control: Callable[[], str]) -> None:
        self.control = control

    def run(self, request: dict, emit: Emit, cancel: threading.Event | None, deadline: float) -> dict:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(self.control())
        except OSError as exc:
            return {"infra": f"the warm grader is not reachable: {exc}"}
        stream = sock.makefile("rw", encoding="utf-8", errors="replace", newline="\n")
        stream.write(json.dumps(request) + "\n")
        stream.flush()
        try:
            pid = int(json.loads(stream.readline())["pid"])
        except (ValueError, KeyError, TypeError):
            sock.close()
            return {"infra": "the warm grader did not answer"}
        done = threading.Event()
        threading.Thread(target=_kill_at, args=(pid, deadline, cancel, done), daemon=True).start()
        try:
            summary = read_report(stream, emit)
        finally:
            done.set()
            sock.close()
        if cancel is not None and cancel.is_set():
            return {"cancelled": True}
        return summary if summary is not None else {"infra": "the grader process stopped before reporting"}
