"""Shared fixtures: a fresh workspace and small course folders made per test."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TUTOR = [sys.executable, "-m", "tutor"]
# Fixture parameters that name a sandbox mode: every mode runs in `make test`; `make test-fast` keeps the best.
SANDBOX_PARAMS = ("mode", "sandbox", "isolated_mode", "sandbox_mode")
# Whole folders of end-to-end runs (a Jupyter kernel, a browser, a class, attacks on cold sandboxes, whole-lesson
# authoring checks), and single tests that grade a whole lesson: `make test` runs them, `make test-fast` leaves
# them out (the warm adversaries of tests/grading keep the sandbox in the fast loop).
HEAVY_FOLDERS = {"realistic", "notebooks", "report", "web", "batch", "security", "authoring"}
HEAVY_TESTS = {"test_lesson_check_passes", "test_device_gpu_without_a_gpu_is_bad_input"}


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """A run that leaves `heavy` out (`make test-fast`) does not even import the heavy folders' modules."""
    if collection_path.name in HEAVY_FOLDERS and collection_path.parent.name == "tests" \
            and "not heavy" in (config.option.markexpr or ""):
        return True
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`heavy`: end to end, or many grades for one point (the learner-style corpus, the weaker sandbox modes, whole
    lessons and classes, notebooks and browsers, attacks on cold sandboxes, lesson authoring); kept out of
    `make test-fast`, run by `make test`."""
    from tutor.grading.sandbox import bwrap_path

    best = "bwrap" if bwrap_path() else "process"
    for item in items:
        if HEAVY_FOLDERS & set(item.path.parts) or item.originalname in HEAVY_TESTS:
            item.add_marker(pytest.mark.heavy)
        params = getattr(getattr(item, "callspec", None), "params", {})
        if any(params.get(key, best) != best for key in SANDBOX_PARAMS):
            item.add_marker(pytest.mark.heavy)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Tests never touch the real home, the learner's workspace, or the network for MNIST.
    monkeypatch.setenv("TUTOR_OFFLINE", "1")
    monkeypatch.delenv("TUTOR_COURSE", raising=False)
    monkeypatch.delenv("TUTOR_WORKSPACE", raising=False)
    monkeypatch.delenv("TUTOR_MNIST_PATH", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)


def write_lesson(root: Path, dirname: str, manifest: str, files: dict[str, str] | None = None) -> Path:
    folder = root / "exercises" / dirname
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "lesson.toml").write_text(manifest, encoding="utf-8")
    for rel, text in (files or {}).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder / "lesson.toml"
