"""What the security tests share: the probe exercise, the three sandbox modes, and a way to run hostile code.

A hostile file is the probe exercise's correct answer plus a `probe()` function whose body does the attack and
returns what it saw; the grader records that as the metric "probe", so a test reads what the attack achieved.
"""
from __future__ import annotations

from pathlib import Path

from tutor.core.course import load_course
from tutor.grading import grade
from tutor.grading.sandbox import bwrap_path
from tutor.grading.zygote import namespaces_work

ROOT_OF_COURSE = Path(__file__).resolve().parents[2]  # the built-in course: this checkout
COURSE = ROOT_OF_COURSE / "tests" / "grading" / "course"
SOLUTION = COURSE / "solutions" / "01-probe" / "double.py"
GOOD = "import numpy as np\n\ndef double(x):\n    return 2 * x\n\ndef echo(v):\n    return v\n"

# TUTOR_SANDBOX values and the label each gives where this kernel allows user namespaces.
MODES = ["none", "process"] + (["bwrap"] if bwrap_path() else [])
LABEL = {"none": "none", "process": "namespaces" if namespaces_work() else "none", "bwrap": "bwrap"}
ISOLATED = [m for m in MODES if LABEL[m] != "none"]


def exercise():
    return load_course([str(COURSE)]).exercise("probe/double")


def with_probe(body: str, base: str = GOOD) -> str:
    return base + "\ndef probe():\n" + "".join(f"    {line}\n" for line in body.strip("\n").splitlines())


def run(source: str, workspace: Path, name: str = "double.py", **kw):
    """Grade `source` as the learner's file in `workspace` (which has a .tutor/ folder, as a real one does)."""
    (workspace / ".tutor").mkdir(parents=True, exist_ok=True)
    path = workspace / "01-probe" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source)
    return grade(exercise(), path, **kw)
