"""The CLI through real subprocesses: exit codes, one-line errors, nothing written on bad input."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, TUTOR


def tutor(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = dict(os.environ, **(env or {}))
    full_env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(TUTOR + list(args), cwd=cwd, capture_output=True, text=True, env=full_env, timeout=300)


def _imported_by(args: list[str], cwd: Path, env: dict) -> set[str]:
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "tutor", *args], cwd=cwd,
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    return {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}


def test_help_and_list_import_no_heavy_modules(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(tmp_path / "cache"))
    for args in (["--help"], ["list"]):
        imported = {name.split(".")[0] for name in _imported_by(args, tmp_path, env)}
        assert "tutor" in imported
        assert not imported & {"numpy", "textual", "tensorflow", "keras", "rich", "sympy"}, args


def test_a_second_list_reads_no_toml_and_imports_only_what_it_prints(tmp_path: Path) -> None:
    # The first `tutor list` parses each lesson.toml and remembers it; the next ones start faster by skipping
    # what they do not use: the TOML parser, typing, difflib (only for a misspelt id), OpenSSL's hashlib.
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(tmp_path / "cache"))
    first = _imported_by(["list"], tmp_path, env)
    assert "tomllib" in first  # the cache really was empty: the check below is not vacuous
    again = _imported_by(["list"], tmp_path, env)
    assert not again & {"tomllib", "typing", "difflib", "_hashlib"}, sorted(again)
    assert not _imported_by(["--help"], tmp_path, env) & {"tomllib", "typing", "difflib", "_hashlib", "dataclasses"}


def test_version(tmp_path: Path) -> None:
    done = tutor("--version", cwd=tmp_path)
    assert done.returncode == 0 and re.fullmatch(r"tutor \d+\.\d+\.\d+\n", done.stdout)


def test_list_json_shows_the_built_in_course(tmp_path: Path) -> None:
    done = tutor("list", "--json", cwd=tmp_path)
    lessons = json.loads(done.stdout)
    assert lessons[0]["slug"] == "tensors"
    ids = [e["id"] for l in lessons for e in l.get("exercises", [])]
    assert "tensors/broadcasting" in ids


def test_unknown_id_suggests_the_closest(tmp_path: Path) -> None:
    tutor("init", cwd=tmp_path)
    done = tutor("submit", "tensors/broadcastin", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().startswith("tutor: unknown id 'tensors/broadcastin': did you mean tensors/broadcasting")
    assert len(done.stderr.strip().splitlines()) == 1
    done = tutor("hint", "broadcats", cwd=tmp_path)
    assert done.returncode == 2 and "did you mean tensors/broadcasting" in done.stderr


@pytest.mark.parametrize("kind", ["missing", "directory", "not-utf8", "unreadable"])
def test_bad_file_gets_one_clear_line_and_nothing_is_written(tmp_path: Path, kind: str) -> None:
    tutor("init", cwd=tmp_path)
    target = tmp_path / "answer.py"
    if kind == "unreadable":
        # chmod 000 does not stop root, who runs CI; the kernel refuses to read this file to anyone
        target = Path("/proc/self/mem")
    elif kind == "directory":
        target.mkdir()
    elif kind == "not-utf8":
        target.write_bytes(b"def broadcast_shape(a, b):\n    return '\xe9t\xe9'\n")
    db = tmp_path / "tutor-workspace" / ".tutor" / "progress.sqlite3"
    before = db.read_bytes()
    done = tutor("submit", "tensors/broadcasting", str(target), cwd=tmp_path)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tutor: ")
    assert {"missing": "no such file", "directory": "is a directory", "not-utf8": ":2: the file is not UTF-8",
            "unreadable": "cannot read it"}[kind] in lines[0]
    assert done.stdout == ""
    assert db.read_bytes() == before


def test_submit_records_attempts_and_solution_unlocks_after_a_pass(tmp_path: Path) -> None:
    tutor("init", cwd=tmp_path)
    done = tutor("submit", "tensors/broadcasting", "--json", cwd=tmp_path)
    assert done.returncode == 1
    result = json.loads(done.stdout)  # exactly one JSON object on stdout
    assert result["status"] == "failed" and result["score"] == 0
    assert "not implemented yet" in result["checks"][0]["message"]
    refused = tutor("solution", "tensors/broadcasting", cwd=tmp_path)
    assert refused.returncode == 1 and "once you pass" in refused.stderr and refused.stdout == ""
    solution = ROOT / "solutions" / "01-tensors" / "broadcasting.py"
    done = tutor("submit", "tensors/broadcasting", str(solution), "--json", cwd=tmp_path)
    result = json.loads(done.stdout)
    assert done.returncode == 0 and result["status"] == "passed" and result["score"] == result["max_score"]
    for key in ("exercise", "status", "score", "max_score", "checks", "metrics", "duration_s", "device", "sandbox",
                "versions", "stdout", "schema_version"):
        assert key in result
    assert tutor("solution", "tensors/broadcasting", cwd=tmp_path).stdout == solution.read_text()
    progress = json.loads(tutor("progress", "--json", cwd=tmp_path).stdout)
    row = next(r for r in progress if r["exercise"] == "tensors/broadcasting")
    assert row["attempts"] == 2 and row["passed"]


def test_language_follows_lang_and_flag(tmp_path: Path) -> None:
    tutor("init", cwd=tmp_path)
    es = tutor("hint", "tensors/broadcasting", cwd=tmp_path, env={"LANG": "es_CO.UTF-8"})
    assert re.match(r"Pista 1 de \d+: ", es.stdout)
    en = tutor("--lang", "en", "hint", "tensors/broadcasting", cwd=tmp_path, env={"LANG": "es_CO.UTF-8"})
    assert re.match(r"Hint 1 of (\d+): .*\nHint 2 of \1: ", en.stdout)  # revealed one at a time
    assert "`" not in en.stdout  # Markdown code spans are shown without their backticks


def test_hint_puts_the_misconception_of_the_last_grade_first(tmp_path: Path) -> None:
    from tutor.core.progress import Attempt, ProgressStore

    tutor("init", cwd=tmp_path)
    with ProgressStore(tmp_path / "tutor-workspace" / ".tutor" / "progress.sqlite3") as store:
        store.record_attempt(Attempt("tensors/layouts", 0.0, "failed", 5.0, 10.0, 0.1, "cpu", ""),
                             {"status": "failed", "misconception": {"id": "reshape-not-transpose", "hint": "x"}})
    done = tutor("--lang", "es", "hint", "tensors/layouts", cwd=tmp_path)
    first, second = done.stdout.splitlines()[:2]
    assert first.startswith("Sobre tu último envío: ") and "reshape" in first  # the manifest's Spanish text
    assert second.startswith("Pista 1 de ")


def test_quiz_answers_one_question_with_feedback_aimed_at_the_mistake(tmp_path: Path) -> None:
    wrong = tutor("quiz", "tensors/spreadsheet", "--answer", "(10, n)", "--json", cwd=tmp_path)
    assert wrong.returncode == 1
    out = json.loads(wrong.stdout)
    assert out["question"] == "spreadsheet" and out["correct"] is False and out["explanation"] is None
    assert "swapped" in out["feedback"]
    right = tutor("quiz", "tensors/spreadsheet", "--answer", "(n, 10)", "--json", cwd=tmp_path)
    assert right.returncode == 0 and json.loads(right.stdout)["explanation"]
    unreadable = tutor("--lang", "es", "quiz", "tensors/spreadsheet", "--answer", "(10 n)", "--json", cwd=tmp_path)
    assert unreadable.returncode == 2 and json.loads(unreadable.stdout)["correct"] is None
    assert "no es una dimensión" in json.loads(unreadable.stdout)["feedback"]
    progress = tutor("progress", "--json", cwd=tmp_path)
    assert progress.returncode == 0  # the answers went into the workspace's progress database
    from tutor.core.progress import ProgressStore

    with ProgressStore(tmp_path / "tutor-workspace" / ".tutor" / "progress.sqlite3") as store:
        assert store.quiz_status("tensors") == {"spreadsheet": True}


def test_quiz_numbers_choices_in_the_learners_own_stable_order(tmp_path: Path) -> None:
    def exit_codes() -> list[int]:
        return [tutor("quiz", "tensors/sequences", "--answer", str(n), "--json", cwd=tmp_path).returncode
                for n in (1, 2, 3, 4)]

    first = exit_codes()
    assert sorted(first) == [0, 1, 1, 1]  # exactly one number is right, whichever order this learner sees
    assert exit_codes() == first  # and it stays the same number on the next run


def test_a_wrong_multiple_choice_answer_names_each_wrong_pick_in_both_languages(tmp_path: Path) -> None:
    from tutor.core.answers import choice_order
    from tutor.core.course import builtin_root, load_lesson
    from tutor.core.progress import ProgressStore

    tutor("init", cwd=tmp_path)
    with ProgressStore(tmp_path / "tutor-workspace" / ".tutor" / "progress.sqlite3") as store:
        seed = store.learner_seed()
    question = next(q for q in load_lesson(builtin_root(), "01-tensors").manifest.quiz if q.id == "rank-three")
    order = choice_order(question, seed)

    def numbers(*choices: int) -> str:  # the choices as this learner's screen numbers them
        return ", ".join(str(order.index(i) + 1) for i in choices)

    wrong = tutor("quiz", "tensors/rank-three", "--answer", numbers(0, 3, 4), "--json", cwd=tmp_path)
    assert wrong.returncode == 1
    said = json.loads(wrong.stdout)["feedback"]
    assert said.startswith("1 of your 3 choices is right.")
    assert "A spreadsheet is rank 2" in said and "A batch of RGB images is rank 4" in said
    assert said.endswith("2 right choices are missing.") and "Right." not in said
    es = tutor("--lang", "es", "quiz", "tensors/rank-three", "--answer", numbers(1, 2), "--json", cwd=tmp_path)
    assert es.returncode == 1
    assert json.loads(es.stdout)["feedback"] == "Tus 2 opciones son correctas. Falta 1 opción correcta."
    right = tutor("quiz", "tensors/rank-three", "--answer", numbers(2, 0, 1), "--json", cwd=tmp_path)
    assert right.returncode == 0 and json.loads(right.stdout)["correct"] is True
    unreadable = tutor("quiz", "tensors/rank-three", "--answer", "1, 9", "--json", cwd=tmp_path)
    assert unreadable.returncode == 2


def test_plain_quiz_runs_from_stdin_and_ends_with_a_summary(tmp_path: Path) -> None:
    full_env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(TUTOR + ["--lang", "es", "quiz", "tensors/spreadsheet"], cwd=tmp_path, input="(10, n)\n(n, 10)\n",
                          capture_output=True, text=True, env=full_env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Pregunta 1/1" in done.stdout and "✗ Los ejes 0 y 1 están intercambiados" in done.stdout
    assert "✓ ¡Correcto!" in done.stdout and "Resumen: 0 de 1 correctas al primer intento" in done.stdout


def test_reset_keeps_a_backup(tmp_path: Path) -> None:
    tutor("init", cwd=tmp_path)
    mine = tmp_path / "tutor-workspace" / "01-tensors" / "broadcasting.py"
    mine.write_text("# my attempt\n")
    done = tutor("reset", "tensors/broadcasting", cwd=tmp_path)
    assert done.returncode == 0
    backup = Path(done.stdout.strip().splitlines()[-1].split(" at ")[-1])
    assert backup.read_text() == "# my attempt\n"
    assert "TODO" in mine.read_text()


def test_bad_course_folder_and_usage(tmp_path: Path) -> None:
    done = tutor("--course", str(tmp_path / "nope"), "list", cwd=tmp_path)
    assert done.returncode == 2 and "no such folder" in done.stderr
    assert tutor("submit", cwd=tmp_path).returncode == 2  # argparse usage error
    assert tutor("progress", cwd=tmp_path).returncode == 2  # no workspace yet


def test_data_names_its_source(tmp_path: Path) -> None:
    done = tutor("data", cwd=tmp_path, env={"KERAS_HOME": str(tmp_path / "k")})
    assert done.returncode == 0
    assert "offline subset, 5,000 digits" in done.stdout and "4000" in done.stdout


def test_data_names_the_file_of_tutor_mnist_path_in_both_languages(tmp_path: Path) -> None:
    import numpy as np

    path = tmp_path / "mnist.npz"
    np.savez(path, x_train=np.zeros((30, 28, 28), np.uint8), y_train=np.zeros(30, np.uint8),
             x_test=np.zeros((10, 28, 28), np.uint8), y_test=np.zeros(10, np.uint8))
    done = tutor("data", cwd=tmp_path, env={"TUTOR_MNIST_PATH": str(path)})
    assert f"full MNIST, 40 digits, from TUTOR_MNIST_PATH={path}" in done.stdout
    done = tutor("data", "--lang", "es", cwd=tmp_path, env={"TUTOR_MNIST_PATH": str(path)})
    assert f"MNIST completo, 40 dígitos, de TUTOR_MNIST_PATH={path}" in done.stdout


@pytest.mark.slow
def test_device_gpu_without_a_gpu_is_bad_input(tmp_path: Path) -> None:
    solution = ROOT / "solutions" / "07-mnist-keras" / "sequential.py"
    done = tutor("submit", "mnist-keras/sequential", str(solution), "--device", "gpu", cwd=tmp_path,
                 env={"CUDA_VISIBLE_DEVICES": "-1"})
    assert done.returncode == 2
    assert "TensorFlow sees no GPU" in done.stderr and len(done.stderr.strip().splitlines()) == 1


@pytest.mark.slow  # seconds of screens or of cold grades; `make test` runs it
def test_tutor_submit_gives_the_same_result_as_a_warm_pool(tmp_path: Path) -> None:
    """`tutor submit` grades in its own process (cold); a running tutor uses warm workers: same result."""
    from tutor.core.course import load_course
    from tutor.grading import grade
    from tutor.grading.notice import sandbox_notice
    from tutor.grading.sandbox import Hidden, ZygotePool

    course_dir = ROOT / "tests" / "grading" / "course"
    exercise = load_course([str(course_dir)]).exercise("probe/double")
    pool = ZygotePool(Hidden())
    try:
        for path in (exercise.solution, exercise.misconception_file(exercise.spec.misconceptions[0])):
            done = tutor("--course", str(course_dir), "submit", "probe/double", str(path), "--json", cwd=tmp_path)
            cold = json.loads(done.stdout)
            warm = grade(exercise, path, pool=pool).to_dict()
            cold.pop("duration_s"), warm.pop("duration_s")
            assert cold.pop("sandbox_notice") == sandbox_notice(cold["sandbox"], "en")  # the CLI's one addition
            assert cold == warm
    finally:
        pool.close()
