"""The realistic corpus of the TensorFlow lessons (tf-intro, mnist-tf, mnist-keras), graded through the real engine.

A minimal local runner: tests/realistic/<lesson>/<exercise>/expected.toml gives, per file, the verdict it must get:
    ["bug_numpy_shortcut.py"]
    status = "failed"          # passed, failed, error, timeout, ...
    misconception = ""         # the misconception id the grade must name; "" for none
    failed = ["gradients"]     # optional: exactly these checks do not pass
A generic runner for every lesson (tests/realistic/test_corpus.py) reads the same files.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

HERE = Path(__file__).parent
LESSONS = ("tf-intro", "mnist-tf", "mnist-keras")


def cases() -> list:
    found = []
    for lesson in LESSONS:
        for expected in sorted((HERE / lesson).glob("*/expected.toml")):
            table = tomllib.loads(expected.read_text(encoding="utf-8"))
            for name, want in table.items():
                exercise = f"{lesson}/{expected.parent.name}"
                found.append(pytest.param(exercise, expected.parent / name, want, id=f"{exercise}/{name}"))
    return found


@pytest.fixture(scope="module")
def course():
    from tutor.core.course import load_course

    return load_course()


@pytest.fixture(scope="module")
def pool(course):
    from tutor.grading.sandbox import ZygotePool, default_hidden

    pool = ZygotePool(default_hidden(tuple(course.roots), None))
    yield pool
    pool.close()


def test_every_folder_has_three_correct_and_three_buggy_files() -> None:
    for lesson in LESSONS:
        for folder in sorted(p for p in (HERE / lesson).iterdir() if p.is_dir()):
            table = tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))
            files = sorted(p.name for p in folder.glob("*.py"))
            assert sorted(table) == files, folder
            passing = [n for n, want in table.items() if want["status"] == "passed"]
            assert len(passing) >= 3 and len(table) - len(passing) >= 3, folder


@pytest.mark.slow
@pytest.mark.parametrize("exercise, path, want", cases())
def test_verdict(course, pool, exercise: str, path: Path, want: dict) -> None:
    from tutor.grading import grade

    result = grade(course.exercise(exercise), path, pool=pool)
    failing = {c.id: c.message for c in result.checks if c.status != "passed"}
    assert result.status == want["status"], (result.status, result.message, failing)
    got_misconception = result.misconception.id if result.misconception else ""
    assert got_misconception == want.get("misconception", ""), failing
    if "failed" in want:
        assert sorted(failing) == sorted(want["failed"]), failing
