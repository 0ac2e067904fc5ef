"""The trusted grader process: runs one grader module with pytest against one sandboxed worker.

It reports on a channel only it holds (never a file the worker could forge): JSON lines of events, then one
line with the summary. Two ways to start it, one code path:
  cold  `python -m tutor.grading.runner FD` with the request on stdin, reporting on pipe FD;
  warm  `python -m tutor.grading.runner --serve SOCKET`: a server that has imported pytest and the plugin
        forks one child per request; the child reports on the request's own connection.
"""
from __future__ import annotations

import io
import json
import os
import signal
import socket
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Callable, TextIO

import pytest

from tutor.grading.config import GraderConfig
from tutor.grading.plugin import GradingPlugin

INI = str(Path(__file__).with_name("grader-pytest.ini"))
# pytest's plugins that graders never use. unraisableexception and threadexception run gc.collect() five times
# at the end of every session (a third of a warm NumPy grade); the others only add hooks to every check.
UNUSED_PLUGINS = ("unraisableexception", "threadexception", "faulthandler", "doctest", "junitxml", "pastebin",
                  "legacypath", "stepwise", "setuponly", "setupplan", "unittest", "debugging", "logging")


def run(request: dict, out: TextIO) -> None:
    """Grade one request ({"config": GraderConfig fields, "grader": path, "only": check ids, optional}) and
    write JSON lines to `out`."""

    def emit(event: dict) -> None:
        try:
            out.write(json.dumps({"event": event}, default=str) + "\n")
            out.flush()
        except (OSError, ValueError):
            pass

    config = GraderConfig(**request["config"])
    from tutor.grading.checks import GRADE_LANG

    token = GRADE_LANG.set(config.lang)
    try:
        _run(request, config, out, emit)
    finally:
        GRADE_LANG.reset(token)


def _run(request: dict, config: GraderConfig, out: TextIO, emit: Callable[[dict], None]) -> None:
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # graders need only our plugin; others slow the start
    only = request.get("only")
    plugin = GradingPlugin(config, emit, set(only) if only is not None else None)
    grader_dir = str(Path(request["grader"]).parent)
    args = [request["grader"], "-c", INI, "--rootdir", grader_dir, "-p", "no:cacheprovider", "-q", "--no-header"]
    for name in UNUSED_PLUGINS:
        args += ["-p", f"no:{name}"]
    log = io.StringIO()
    try:
        plugin.start_worker_early()
        with redirect_stdout(log), redirect_stderr(log):
            code = pytest.main(args, plugins=[plugin])
    finally:
        plugin.stop_worker()
    summary = plugin.summary()
    summary["pytest_exit"] = int(code)
    if plugin.gone is None and plugin.session is not None and plugin.session.gone is not None:
        plugin.gone = plugin.session.gone  # a limit crossed after the last check
    if plugin.load_failure is not None:
        summary["load_failure"] = {"status": plugin.load_failure.status, "message": plugin.load_failure.message,
                                   "detail": plugin.load_failure.detail}
    if plugin.gone is not None:
        summary["gone"] = {"status": plugin.gone.status, "message": plugin.gone.message}
    if plugin.infra or code in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR,
                                pytest.ExitCode.NO_TESTS_COLLECTED):
        summary["infra"] = plugin.infra or f"pytest exited with {code}: {log.getvalue()[-1500:]}"
    session = plugin.session
    summary["stdout"] = session.captured_output if session is not None else ""
    summary["peak_mb"] = session.peak_mb if session is not None else 0.0
    out.write(json.dumps({"summary": summary}, default=str) + "\n")
    out.flush()


def _warm_up() -> None:
    """Run pytest once on an empty module so that its lazily imported parts are loaded before any fork."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "test_warm.py").write_text("def test_nothing():\n    pass\n")
        args = [str(Path(tmp, "test_warm.py")), "-c", INI, "--rootdir", tmp, "-p", "no:cacheprovider", "-q"]
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
            pytest.main(args + [a for name in UNUSED_PLUGINS for a in ("-p", f"no:{name}")])
        for name in [m for m in sys.modules if m == "test_warm"]:
            del sys.modules[name]


def serve(control: str) -> None:
    # What graders use, imported once before forking (each grade's child writes no bytecode, so whatever it
    # imports itself is compiled anew every grade): numpy and its random module, the optimizer surfaces.
    import numpy  # noqa: F401
    import numpy.random  # noqa: F401

    import tutor.grading.surfaces  # noqa: F401

    from tutor.grading.zygote import die_with_parent

    die_with_parent()
    _warm_up()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(control)
    listener.listen(16)
    print(json.dumps({"ready": os.getpid()}), flush=True)
    while True:
        conn, _ = listener.accept()
        if os.fork() == 0:
            listener.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            os.setsid()
            code = 0
            try:
                stream = conn.makefile("rw", encoding="utf-8", newline="\n")
                request = json.loads(stream.readline())
                stream.write(json.dumps({"pid": os.getpid()}) + "\n")
                stream.flush()
                run(request, stream)
            except BaseException:
                code = 70
            finally:
                os._exit(code)
        conn.close()


def main() -> int:
    if sys.argv[1:2] == ["--serve"]:
        serve(sys.argv[2])
        return 0
    out = os.fdopen(int(sys.argv[1]), "w", buffering=1)
    run(json.loads(sys.stdin.buffer.read()), out)
    out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
