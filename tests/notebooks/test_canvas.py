"""Canvas: `tutor grade --export-format canvas` writes the gradebook import layout; a roster maps folders to ids."""
from __future__ import annotations

import csv
from pathlib import Path

from tests.cli.test_cli import tutor
from tests.notebooks.helpers import ADAM_SOLUTION, adam_dividing_by_zero, adam_notebook, write

ROSTER = """Student,ID,SIS User ID,SIS Login ID,Section,folder
"Ana, Alvarez",1001,A-01,ana@uni.example,Section 1,ana
"Bruno, Baez",1002,A-02,bruno@uni.example,Section 2,bruno
"Eva, Estrada",1005,A-05,eva@uni.example,Section 1,eva
"""


def _class(tmp_path: Path) -> Path:
    klass = tmp_path / "class"
    write(klass / "ana" / "adam.ipynb", adam_notebook())
    write(klass / "bruno" / "adam.py", adam_dividing_by_zero()[0])
    write(klass / "carla" / "adam.py", ADAM_SOLUTION)  # not in the roster
    return klass


def _read(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def test_canvas_export_has_canvas_columns_points_possible_and_ids_from_the_roster(tmp_path: Path) -> None:
    klass = _class(tmp_path)
    write(tmp_path / "roster.csv", ROSTER)
    done = tutor("grade", str(klass), "--exercise", "optimizers/adam", "--exercise", "optimizers/momentum",
                 "--workers", "1", "--gradebook", str(tmp_path / "book.sqlite3"), "--export",
                 str(tmp_path / "grades.csv"), "--export-format", "canvas", "--roster", str(tmp_path / "roster.csv"),
                 cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = _read(tmp_path / "grades.csv")
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "optimizers/adam",
                       "optimizers/momentum"]
    assert rows[1] == ["Points Possible", "", "", "", "", "10", "10"]
    by_folder = {r[3] or r[0]: r for r in rows[2:]}
    assert by_folder["ana@uni.example"] == ["Ana, Alvarez", "1001", "A-01", "ana@uni.example", "Section 1", "10", "0"]
    bruno = by_folder["bruno@uni.example"]
    assert bruno[:5] == ["Bruno, Baez", "1002", "A-02", "bruno@uni.example", "Section 2"]
    assert 0 < float(bruno[5]) < 10
    assert by_folder["carla"] == ["carla", "", "", "", "", "10", "0"]
    assert "carla" in done.stderr  # said: Canvas will not match a folder the roster does not name


def test_the_long_csv_stays_the_default_and_a_roster_needs_the_canvas_format(tmp_path: Path) -> None:
    klass = _class(tmp_path)
    write(tmp_path / "roster.csv", ROSTER)
    args = ["grade", str(klass), "--exercise", "optimizers/adam", "--workers", "1", "--gradebook",
            str(tmp_path / "book.sqlite3"), "--export", str(tmp_path / "grades.csv")]
    done = tutor(*args, "--roster", str(tmp_path / "roster.csv"), cwd=tmp_path)
    assert done.returncode == 2 and "--export-format canvas" in done.stderr
    write(tmp_path / "bad-roster.csv", "name,email\nana,a@x\n")
    done = tutor(*args, "--export-format", "canvas", "--roster", str(tmp_path / "bad-roster.csv"), cwd=tmp_path)
    assert done.returncode == 2 and "folder" in done.stderr
    assert tutor(*args, cwd=tmp_path).returncode == 0
    assert _read(tmp_path / "grades.csv")[0][:4] == ["student", "exercise", "status", "score"]
