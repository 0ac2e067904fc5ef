"""Session fixtures for the batch tests: the test course, its exercise, and the synthetic class."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.batch.classroom import make_class, make_course
from tutor.core.course import load_lesson


@pytest.fixture(scope="session")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_course(tmp_path_factory.mktemp("course"))


@pytest.fixture(scope="session")
def exercise(course: Path):
    return load_lesson(course, "01-tensors").exercises[0]


@pytest.fixture(scope="session")
def klass(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_class(tmp_path_factory.mktemp("class"))
