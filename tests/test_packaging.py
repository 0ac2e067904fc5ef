"""A non-editable install carries the built-in course, so `tutor list` works from any directory."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.mark.slow
def test_wheel_carries_the_course(tmp_path: Path) -> None:
    import shutil

    import setuptools


    wheels, target, source = tmp_path / "wheels", tmp_path / "site", tmp_path / "source"
    # setuptools builds inside the folder it is given: build from a copy, never inside the checkout.
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".venv", ".git", "build", "dist", "*.egg-info",
                                                                "__pycache__", "tests", "tutor-workspace"))
    # the project needs setuptools>=77 (an SPDX license string); an older one here builds in isolation
    isolation = [] if int(setuptools.__version__.split(".")[0]) < 77 else ["--no-build-isolation"]
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", *isolation, "-w",
                    str(wheels), str(source)], check=True, capture_output=True, cwd=tmp_path)
    wheel = next(wheels.glob("*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    assert (target / "tutor" / "_course" / "graders").is_dir()
    assert (target / "tutor" / "grading" / "grader-pytest.ini").is_file()
    env = dict(os.environ, PYTHONPATH=str(target))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = subprocess.run([sys.executable, "-m", "tutor", "list", "--json"], cwd=elsewhere, env=env,
                          capture_output=True, text=True, check=True)
    lessons = json.loads(done.stdout)
    assert all(Path(l["root"]).is_relative_to(target) for l in lessons)
    assert "tensors/broadcasting" in [e["id"] for l in lessons for e in l.get("exercises", [])]
