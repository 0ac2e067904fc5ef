"""A learner's notebook graded like a .py file: `tutor submit`, and `tutor grade` over a class folder."""
from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.cli.test_cli import tutor
from tutor.batch.gradebook import Gradebook
from tests.notebooks.helpers import ADAM_SOLUTION, BUILTIN, adam_dividing_by_zero, adam_notebook, notebook, write


def test_a_correct_notebook_passes_and_says_what_was_left_out(tmp_path: Path) -> None:
    path = write(tmp_path / "adam.ipynb", adam_notebook())
    done = tutor("submit", "optimizers/adam", str(path), "--json", cwd=tmp_path)
    result = json.loads(done.stdout)
    assert done.returncode == 0, done.stderr
    assert result["status"] == "passed" and result["score"] == 10
    assert result["notes"] == [
        "cell 2: magic `%matplotlib inline` left out (it runs only in Jupyter)",
        "cell 2: shell command `!pip install numpy` left out (it runs only in Jupyter)",
        "cell 4: left out (marked to skip grading)",
        "cell 5: left out (marked to skip grading)",
    ]


def test_a_traceback_points_at_the_cell_and_line_of_the_learners_notebook(tmp_path: Path) -> None:
    broken, expected_line = adam_dividing_by_zero()
    path = write(tmp_path / "adam.ipynb", adam_notebook(broken))
    result = json.loads(tutor("submit", "optimizers/adam", str(path), "--json", cwd=tmp_path).stdout)
    check = next(c for c in result["checks"] if c["id"] == "init_state")
    assert check["status"] == "failed"
    assert f'File "adam.ipynb", cell 3, line {expected_line}, in init_state' in check["traceback"]


def test_a_syntax_error_says_cell_and_line_in_spanish(tmp_path: Path) -> None:
    path = write(tmp_path / "adam.ipynb", notebook(("markdown", "# Adam"), "import numpy as np",
                                                    "x = 1\ndef step(:\n    pass"))
    done = tutor("--lang", "es", "submit", "optimizers/adam", str(path), cwd=tmp_path)
    assert done.returncode == 1
    assert "adam.ipynb, celda 3, línea 2, columna 10: SyntaxError" in done.stdout


def test_a_file_named_ipynb_that_is_not_a_notebook_is_bad_input(tmp_path: Path) -> None:
    path = write(tmp_path / "adam.ipynb", ADAM_SOLUTION)
    done = tutor("submit", "optimizers/adam", str(path), cwd=tmp_path)
    assert done.returncode == 2
    assert "not a Jupyter notebook" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_a_class_folder_may_hold_notebooks_instead_of_py_files(tmp_path: Path) -> None:
    klass = tmp_path / "class"
    write(klass / "ana" / "adam.ipynb", adam_notebook())  # flat, a notebook
    write(klass / "bruno" / "adam.py", ADAM_SOLUTION)  # flat, a .py file
    # a workspace copy: the untouched starter beside the notebook the student worked in
    starter = (BUILTIN / "exercises" / "04-optimizers" / "adam.py").read_text(encoding="utf-8")
    write(klass / "carla" / "04-optimizers" / "adam.py", starter)
    write(klass / "carla" / "04-optimizers" / "adam.ipynb", adam_notebook())
    write(klass / "dario" / "adam.ipynb", adam_notebook(adam_dividing_by_zero()[0]))
    done = tutor("grade", str(klass), "--exercise", "optimizers/adam", "--workers", "1", "--gradebook",
                 str(tmp_path / "book.sqlite3"), "--export", str(tmp_path / "grades.csv"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    with open(tmp_path / "grades.csv", newline="", encoding="utf-8") as fh:
        rows = {r["student"]: r for r in csv.DictReader(fh)}
    assert {s: (rows[s]["status"], rows[s]["score"]) for s in rows} == {
        "ana": ("passed", "10"), "bruno": ("passed", "10"), "carla": ("passed", "10"), "dario": ("failed", "9.23")}
    with Gradebook(tmp_path / "book.sqlite3") as book:
        dario = next(r for r in book.rows() if r.student == "dario").result
    failed = next(c for c in dario.checks if c.status == "failed")
    assert f'File "adam.ipynb", cell 3, line {adam_dividing_by_zero()[1]}, in init_state' in failed.traceback
