"""Whenever a grade ran without bubblewrap, the learner is told in one line what was not protected and how to
install it: in `tutor submit` (a field in --json), and in the TUI's results panel; in English and Spanish."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, TUTOR
from tutor.grading.notice import sandbox_notice
from tutor.grading.result import GradeResult
from tutor.grading.sandbox import bwrap_path

INSTALL = "sudo apt-get install bubblewrap"


def tutor(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    full = dict(os.environ, PYTHONPATH=str(ROOT), **env)
    return subprocess.run(TUTOR + list(args), cwd=cwd, capture_output=True, text=True, env=full, timeout=300)


@pytest.mark.parametrize("mode", ["none", "process", "namespaces", "something-new"])
def test_every_mode_but_bwrap_has_a_one_line_notice_in_both_languages(mode: str) -> None:
    en, es = sandbox_notice(mode, "en"), sandbox_notice(mode, "es")
    assert en and es and en != es
    for text in (en, es):
        assert INSTALL in text and "\n" not in text
    assert en.startswith("Warning") and es.startswith("Aviso")
    assert sandbox_notice("bwrap", "en") is None and sandbox_notice("bwrap", "es") is None


def test_the_notice_module_imports_neither_textual_nor_rich() -> None:
    code = "import sys, tutor.grading.notice; print(sorted(m for m in ('textual', 'rich', 'numpy') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert done.returncode == 0 and done.stdout.strip() == "[]", done.stderr


def test_submit_without_bubblewrap_warns_in_one_line_and_json_keeps_it_a_field(tmp_path: Path) -> None:
    tutor("init", cwd=tmp_path)
    done = tutor("submit", "tensors/broadcasting", "--json", cwd=tmp_path, TUTOR_SANDBOX="none")
    result = json.loads(done.stdout)  # exactly one JSON object: the notice is inside it
    assert result["sandbox"] in ("none",)
    assert INSTALL in result["sandbox_notice"]
    human = tutor("submit", "tensors/broadcasting", "--lang", "es", cwd=tmp_path, TUTOR_SANDBOX="none",
                  COLUMNS="300")
    lines = [l for l in human.stdout.splitlines() if INSTALL in l]
    assert len(lines) == 1 and lines[0].startswith("Aviso: sin sandbox")
    assert "aislamiento ninguno (solo límites de proceso)" in human.stdout


@pytest.mark.skipif(bwrap_path() is None, reason="needs a working bubblewrap")
def test_submit_under_bubblewrap_has_no_notice(tmp_path: Path) -> None:
    tutor("init", cwd=tmp_path)
    done = tutor("submit", "tensors/broadcasting", "--json", cwd=tmp_path)
    result = json.loads(done.stdout)
    assert result["sandbox"] == "bwrap" and result["sandbox_notice"] is None
    assert INSTALL not in tutor("submit", "tensors/broadcasting", cwd=tmp_path).stdout


@pytest.mark.parametrize("lang, expected", [("en", "Warning: no sandbox"), ("es", "Aviso: sin sandbox")])
async def test_the_results_panel_shows_the_notice(tmp_path: Path, lang: str, expected: str) -> None:
    from textual.widgets import DataTable

    from tests.tui.conftest import fixed_course, make_app, screen_text, wait_for
    from tutor.tui.screens.exercise import ExerciseScreen

    app = make_app(fixed_course(), tmp_path / "ws", lang)
    async with app.run_test(size=(300, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=[r.key.value for r in table.ordered_rows].index("exercise:basics/double"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        panel = app.screen.query_one("#results")
        panel.show_result(GradeResult("basics/double", "passed", 10.0, 10.0, sandbox="none"))
        await wait_for(pilot, lambda: expected in screen_text(app))
        assert INSTALL in screen_text(app)
        panel.show_result(GradeResult("basics/double", "passed", 10.0, 10.0, sandbox="bwrap"))
        await pilot.pause(0.2)
        assert expected not in screen_text(app)
