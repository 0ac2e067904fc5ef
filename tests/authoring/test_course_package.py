"""A course distributed as a Python package is found through the `tutor.courses` entry point, checked and graded
like the built-in one. The installed distribution is a real dist-info folder on sys.path (what pip writes)."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tutor.authoring.scaffold import new_lesson
from tutor.cli import main
from tutor.core.course import course_roots, load_course


@pytest.fixture
def installed_course(tmp_path, monkeypatch) -> Path:
    site = tmp_path / "site-packages"
    package = site / "mycourse"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text('"""A course as a package: exercises/, solutions/, graders/ beside me."""\n')
    new_lesson(package, "packaged")
    dist = site / "mycourse-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: mycourse\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[tutor.courses]\nmycourse = mycourse\n")
    monkeypatch.syspath_prepend(str(site))
    yield package
    sys.modules.pop("mycourse", None)


def test_entry_point_course_is_a_course_root(installed_course):
    assert installed_course.resolve() in [r.resolve() for r in course_roots()]
    ids = [e.id for e in load_course().exercises]
    assert "packaged/standardize" in ids


def test_entry_point_course_passes_check_by_id(installed_course, capsys):
    assert main(["lesson", "check", "packaged", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "packaged/standardize" in out and "all 12 checks passed" in out


def test_entry_point_course_grades_a_class(installed_course, tmp_path, capsys):
    students = tmp_path / "class"
    solution = installed_course / "solutions" / "01-packaged" / "standardize.py"
    (students / "ana" / "01-packaged").mkdir(parents=True)
    shutil.copy(solution, students / "ana" / "01-packaged" / "standardize.py")
    (students / "ben").mkdir()
    shutil.copy(installed_course / "exercises" / "01-packaged" / "standardize.py", students / "ben")
    csv = tmp_path / "grades.csv"
    assert main(["grade", str(students), "--exercise", "packaged/standardize", "--workers", "1",
                 "--gradebook", str(tmp_path / "g.sqlite3"), "--export", str(csv)]) == 0
    lines = csv.read_text().splitlines()[1:]
    assert lines[0].startswith("ana,packaged/standardize,passed,10,10,")
    assert lines[1].startswith("ben,packaged/standardize,failed,0,10,")
