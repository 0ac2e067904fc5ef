"""The trusted grader process: runs one grader module with pytest against one sandboxed worker.

It reports on a pipe that only it holds (never a file the worker could forge): JSON lines of events, then one
line with the summary. Invoked by tutor.grading.engine as `python -m tutor.grading.runner FD` with the
configuration in TUTOR_GRADER_CONFIG.
"""
from __future__ import annotations

import io
import json
import os
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from tutor.grading.plugin import GradingPlugin, config_from_env

INI = str(Path(__file__).with_name("grader-pytest.ini"))


def main() -> int:
    out = os.fdopen(int(sys.argv[1]), "w", buffering=1)

    def emit(event: dict) -> None:
        try:
            out.write(json.dumps({"event": event}, default=str) + "\n")
        except (OSError, ValueError):
            pass

    config = config_from_env()
    os.environ["TUTOR_LANG"] = config.lang
    plugin = GradingPlugin(config, emit)
    grader_dir = str(Path(config.reference).parent)
    args = [os.environ["TUTOR_GRADER_FILE"], "-c", INI, "--rootdir", grader_dir, "-p", "no:cacheprovider",
            "-q", "--no-header", "-x" if os.environ.get("TUTOR_GRADER_FAILFAST") else "-q"]
    log = io.StringIO()
    try:
        with redirect_stdout(log), redirect_stderr(log):
            code = pytest.main(args, plugins=[plugin])
    finally:
        plugin.stop_worker()
    summary = plugin.summary()
    summary["pytest_exit"] = int(code)
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
    out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
