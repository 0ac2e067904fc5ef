"""Class 1: nothing the sandbox still sees can forge a pass (deny by default under bubblewrap)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.security.hostile import LABEL, MODES, ROOT_OF_COURSE, SOLUTION, run, with_probe
from tutor.grading.sandbox import ETC_FILES, SYSTEM_DIRS, bwrap_path, runtime_paths

needs_bwrap = pytest.mark.skipif(bwrap_path() is None, reason="bubblewrap is not installed here")

WALK = """
import os, json
allowed = json.loads(ALLOWED)
def inside(p, q):
    return p == q or p.startswith(q.rstrip('/') + '/')
def above(p):
    return any(inside(a, p) for a in allowed)
seen, bad, stack = 0, [], ['/']
while stack:
    folder = stack.pop()
    try:
        names = os.listdir(folder)
    except OSError:
        continue
    for name in names:
        path = os.path.join(folder, name)
        seen += 1
        if any(inside(path, a) for a in allowed):
            continue
        if above(path) and os.path.isdir(path) and not os.path.islink(path):
            stack.append(path)
        else:
            bad.append(path)
return json.dumps({'bad': bad[:50], 'seen': seen, 'cwd': os.getcwd()})
"""


@needs_bwrap
def test_the_sandbox_sees_only_the_runtime_and_its_own_job(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TUTOR_SANDBOX", "bwrap")
    allowed = list(SYSTEM_DIRS) + list(ETC_FILES) + runtime_paths() + ["/proc", "/dev", "/sys/devices/system/cpu"]
    # Private /tmp: only the path down to the job's own folder and its $HOME, checked below.
    probe = "cwd = os.getcwd()\nALLOWED = json.dumps(" + repr(allowed) + " + [cwd, os.environ['HOME']])\n"
    result = run(with_probe("import json, os\n" + probe + WALK), tmp_path / "ws")
    assert result.status == "passed" and result.sandbox == "bwrap"
    seen = json.loads(result.metrics["probe"])
    assert seen["bad"] == [], f"visible outside the allow-list: {seen['bad']}"
    assert seen["seen"] > 10  # the walk really ran


def test_a_file_with_no_solution_cannot_read_the_course_or_its_history(mode: str, tmp_path: Path) -> None:
    """The attack that passed tensors/broadcasting: read the reference out of the checkout's .git objects."""
    targets = [str(SOLUTION), str(ROOT_OF_COURSE / ".git"), str(ROOT_OF_COURSE / "solutions"),
               str(ROOT_OF_COURSE / "graders"), str(tmp_path / "ws" / ".tutor"), str(Path.home())]
    probe = f"""
import os
out = {{}}
for p in {targets!r}:
    try:
        out[p] = sorted(os.listdir(p))[:3] if os.path.isdir(p) else open(p).read(40)
    except OSError as exc:
        out[p] = type(exc).__name__
return repr(out)
"""
    result = run(with_probe(probe), tmp_path / "ws")
    assert result.sandbox == LABEL[mode]
    seen = eval(result.metrics["probe"])  # our own repr of a dict of str/list
    if result.sandbox == "none":
        return  # process limits only: the result says so (see test_fallback.py)
    runtime = runtime_paths()
    for path, got in seen.items():
        if isinstance(got, list):  # a folder may show only the way down to the Python runtime
            got = [n for n in got if not any(r.startswith(f"{path}/{n}/") or r == f"{path}/{n}" for r in runtime)]
        assert got in ("FileNotFoundError", "PermissionError", []), (path, got)
