"""Fixtures for the security tests: each sandbox mode in turn; the small batch course (tensors/broadcasting,
5 s limit) and an instructor's secret that hostile students try to get into their feedback."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.batch.classroom import make_course
from tests.security.hostile import ISOLATED, MODES
from tutor.core.course import load_lesson

TOKEN = "tok-INSTRUCTOR-7f3a9c1e-do-not-leak"


@pytest.fixture(scope="session")
def batch_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_course(tmp_path_factory.mktemp("course"))


@pytest.fixture(scope="session")
def batch_exercise(batch_course: Path):
    return load_lesson(batch_course, "01-tensors").exercises[0]


@pytest.fixture
def token_file(tmp_path: Path) -> Path:
    """The instructor's token, written as a file a student could name: a valid Python module, so that a grade
    that read it would even echo it."""
    home = tmp_path / "instructor"
    home.mkdir()
    path = home / "token.py"
    path.write_text(f'print("{TOKEN}")\nTOKEN = "{TOKEN}"\n', encoding="utf-8")
    return path


@pytest.fixture(params=MODES)
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TUTOR_SANDBOX", request.param)
    return request.param


@pytest.fixture(params=ISOLATED)
def isolated_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TUTOR_SANDBOX", request.param)
    return request.param
