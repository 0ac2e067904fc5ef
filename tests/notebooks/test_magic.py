"""`%load_ext tutor` and `%tutor` in a real ipykernel, executed by nbclient as Jupyter would run the notebook."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.notebooks.helpers import ADAM_SOLUTION, BUILTIN, adam_dividing_by_zero, write

nbclient = pytest.importorskip("nbclient", reason="the [jupyter] extra is not installed")
nbformat = pytest.importorskip("nbformat")
pytest.importorskip("ipykernel")

KERNEL = "tutor-test-python"
NO_BIAS_CORRECTION = (BUILTIN / "solutions" / "04-optimizers" / "wrong" / "adam" / "no_bias_correction.py"
                      ).read_text(encoding="utf-8")


@pytest.fixture
def kernel_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A kernel spec for this interpreter (the project's venv) in a temporary Jupyter path."""
    spec = tmp_path / "jupyter" / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Tensor Tutor tests", "language": "python",
        "env": {"PYTHONPATH": str(ROOT)},
    }))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("TUTOR_WORKSPACE", str(tmp_path / "workspace"))
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    return tmp_path


def run_notebook(cells: list[str], folder: Path) -> list:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    client = nbclient.NotebookClient(nb, kernel_name=KERNEL, timeout=240, allow_errors=True,
                                     resources={"metadata": {"path": str(folder)}})
    client.execute()
    return nb.cells


def html_of(cell) -> str:
    return "".join(o.get("data", {}).get("text/html", "") for o in cell.outputs)


def test_the_magic_grades_the_cells_run_so_far_and_shows_checks_mistake_plot_and_hints(kernel_env: Path) -> None:
    broken, line = adam_dividing_by_zero()
    cells = run_notebook([
        "%load_ext tutor",                               # [1]
        "%matplotlib inline\n" + ADAM_SOLUTION,          # [2]
        "%tutor submit optimizers/adam",                 # [3]
        "undefined_name + 1",                            # [4] raises: left out of the next grade
        NO_BIAS_CORRECTION,                              # [5] redefines adam's functions, as a learner would
        "%tutor submit optimizers/adam",                 # [6]
        broken,                                          # [7]
        "%tutor --lang es submit optimizers/adam",       # [8]
        "%tutor hint optimizers/adam",                   # [9]
    ], kernel_env)
    passed = html_of(cells[2])
    assert 'data-status="passed"' in passed and "10/10" in passed
    assert "%matplotlib inline" in passed and "%tutor" not in passed.replace("%tutor hint", "")

    mistake = html_of(cells[5])
    assert 'data-status="failed"' in mistake
    assert "tutor-misconception" in mistake and "bias correction" in mistake
    assert "<svg" in mistake  # the trajectory, yours against the reference
    assert "cell 4: left out: it raised an error when it ran" in mistake
    assert "%tutor hint optimizers/adam" in mistake

    spanish = html_of(cells[7])
    assert 'data-status="failed"' in spanish
    assert f"celda 7, línea {line}, in init_state" in spanish

    hint = "".join(o.get("data", {}).get("text/markdown", "") for o in cells[8].outputs)
    assert re.search(r"Hint 1 of \d+", hint)


def test_the_magic_grades_a_notebook_file_and_says_what_is_wrong_with_a_bad_id(kernel_env: Path) -> None:
    write(kernel_env / "adam.ipynb", nbformat.writes(nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(ADAM_SOLUTION)])))
    cells = run_notebook(["%load_ext tutor", "%tutor submit optimizers/adam adam.ipynb",
                          "%tutor submit optimizers/adamm", "%tutor frobnicate"], kernel_env)
    assert 'data-status="passed"' in html_of(cells[1])
    assert "did you mean optimizers/adam" in html_of(cells[2])
    assert "usage: %tutor submit ID" in html_of(cells[3])
