"""Gradescope: results.json from `tutor submit --format gradescope`, and the autograder zip's run_autograder run
against a temporary /autograder-shaped folder, as Gradescope would run it."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.cli.test_cli import tutor
from tests.conftest import ROOT
from tests.notebooks.helpers import ADAM_SOLUTION, adam_dividing_by_zero, adam_notebook, write
from tests.notebooks.lms_course import EXERCISE_ID, make_course

VISIBLE_KEYS = {"name", "score", "max_score", "status", "output", "output_format", "visibility"}


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return make_course(tmp_path / "course")


def test_submit_prints_results_json_scaled_to_the_points_with_each_checks_visibility(tmp_path: Path,
                                                                                     course: Path) -> None:
    broken, _ = adam_dividing_by_zero()
    path = write(tmp_path / "adam.ipynb", adam_notebook(broken))
    done = tutor("--course", str(course), "submit", EXERCISE_ID, str(path), "--format", "gradescope", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    tests = results["tests"]
    assert all(set(t) == VISIBLE_KEYS for t in tests)
    assert sum(t["max_score"] for t in tests) == pytest.approx(20, abs=1e-9)
    assert results["score"] == pytest.approx(sum(t["score"] for t in tests)) and 0 < results["score"] < 20
    by_name = {t["name"]: t for t in tests}
    failed = by_name["init_state: zero moments shaped like theta, t = 0"]
    assert failed["status"] == "failed" and failed["score"] == 0
    assert "cell 3, line" in failed["output"] and "```" in failed["output"]
    assert by_name["60 steps on Rosenbrock"]["visibility"] == "hidden"  # Gradescope hides it from the student
    assert by_name["60 steps on Rosenbrock"]["status"] == "passed"
    assert by_name["One step from a state in the middle of a run"]["visibility"] == "after_due_date"
    assert {t["visibility"] for t in tests} == {"visible", "hidden", "after_due_date"}
    extra = results["extra_data"]
    assert extra["sandbox"] and extra["device"] == "cpu" and "numpy" in extra["versions"]


def test_the_learners_own_result_hides_a_hidden_checks_title_and_message(tmp_path: Path, course: Path) -> None:
    path = write(tmp_path / "adam.py", ADAM_SOLUTION)
    result = json.loads(tutor("--course", str(course), "submit", EXERCISE_ID, str(path), "--json",
                              cwd=tmp_path).stdout)
    checks = {c["id"]: c for c in result["checks"]}
    assert checks["rosenbrock"]["title"] == "hidden check" and checks["rosenbrock"]["message"] == ""
    assert checks["rosenbrock"]["points"] == checks["rosenbrock"]["max_points"] > 0  # its score is still there
    assert checks["one_step"]["title"] == "hidden check"
    assert checks["bowl"]["title"] == "30 steps on a round bowl"


def test_a_grade_the_tutor_could_not_make_prints_no_results_and_fails(tmp_path: Path, course: Path) -> None:
    (course / "graders" / "41-hidden-optimizers" / "test_adam.py").write_text("import nonexistent_module\n")
    path = write(tmp_path / "adam.py", ADAM_SOLUTION)
    done = tutor("--course", str(course), "submit", EXERCISE_ID, str(path), "--format", "gradescope", cwd=tmp_path)
    assert done.returncode == 3
    assert done.stdout == "" and "not graded" in done.stderr


def _autograder(tmp_path: Path, bundle: Path, files: dict[str, str]) -> Path:
    """An /autograder-shaped folder: source/ (the unzipped bundle), run_autograder, submission/, results/."""
    root = tmp_path / "autograder"
    with zipfile.ZipFile(bundle) as z:
        z.extractall(root / "source")
        mode = z.getinfo("run_autograder").external_attr >> 16
    assert mode & stat.S_IXUSR, "run_autograder must be executable once unzipped"
    run = root / "run_autograder"
    run.write_bytes((root / "source" / "run_autograder").read_bytes())
    run.chmod(0o755)
    for name, text in files.items():
        write(root / "submission" / name, text)
    (root / "submission").mkdir(parents=True, exist_ok=True)
    return root


def _run_autograder(root: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(TUTOR_AUTOGRADER_ROOT=str(root), TUTOR_AUTOGRADER_PYTHON=sys.executable)
    return subprocess.run([str(root / "run_autograder")], cwd=root, env=env, capture_output=True, text=True,
                          timeout=300)


def test_the_autograder_bundle_grades_a_notebook_submission_end_to_end(tmp_path: Path, course: Path) -> None:
    bundle = tmp_path / "autograder.zip"
    done = tutor("--course", str(course), "export", "gradescope", EXERCISE_ID, "optimizers/momentum",
                 "--output", str(bundle), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    names = set(zipfile.ZipFile(bundle).namelist())
    assert {"setup.sh", "run_autograder", "requirements.txt", "tensor-tutor/tutor/cli.py",
            "tensor-tutor/graders/04-optimizers/test_momentum.py",
            "course/0/graders/41-hidden-optimizers/test_adam.py"} <= names
    momentum = (ROOT / "solutions" / "04-optimizers" / "momentum.py").read_text(encoding="utf-8")
    root = _autograder(tmp_path, bundle, {"adam.ipynb": adam_notebook(), "extra/momentum.py": momentum})
    run = _run_autograder(root)
    assert run.returncode == 0, run.stderr + run.stdout
    results = json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))
    assert results["score"] == pytest.approx(30)  # 20 for Adam, 10 for momentum
    assert sum(t["max_score"] for t in results["tests"]) == pytest.approx(30)
    assert all(t["status"] == "passed" for t in results["tests"])
    assert any(t["name"].startswith("Adam, one step: ") for t in results["tests"])
    assert "magic `%matplotlib inline` left out" in results["output"]


def test_the_autograder_scores_a_missing_file_zero_and_writes_nothing_when_it_cannot_grade(tmp_path: Path,
                                                                                          course: Path) -> None:
    bundle = tmp_path / "autograder.zip"
    assert tutor("--course", str(course), "export", "gradescope", EXERCISE_ID, "optimizers/momentum", "--output",
                 str(bundle), cwd=tmp_path).returncode == 0
    root = _autograder(tmp_path, bundle, {"adam.py": ADAM_SOLUTION})
    run = _run_autograder(root)
    results = json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))
    assert run.returncode == 0 and results["score"] == pytest.approx(20)
    momentum_tests = [t for t in results["tests"] if not t["name"].startswith("Adam")]
    assert momentum_tests and all(t["score"] == 0 and "momentum.py" in t["output"] for t in momentum_tests)
    assert sum(t["max_score"] for t in momentum_tests) == pytest.approx(10)

    (root / "results" / "results.json").unlink()
    (root / "source" / "course" / "0" / "graders" / "41-hidden-optimizers" / "test_adam.py").write_text("import x_\n")
    run = _run_autograder(root)
    assert run.returncode != 0 and "not the student's fault" in run.stderr
    assert not (root / "results" / "results.json").exists()
