"""Gradescope: a grade as results.json, and the autograder bundle that produces it.

Gradescope's autograder contract (gradescope-autograders.readthedocs.io, "Autograder Specifications"): the zip
holds `setup.sh` (run once, as root, when the image is built) and `run_autograder` (run per submission, in
/autograder, with the student's files in /autograder/submission); it must write
/autograder/results/results.json with `score` and `tests` (`name`, `score`, `max_score`, `status`, `output`,
`visibility`). When the autograder writes no results, Gradescope shows the instructor an autograder failure
instead of a score: that is what a grade the tutor could not make (an "infra" verdict) does here, so a broken
grading machine never becomes a student's zero.

Check scores are scaled so that the tests of an exercise add up to its points; each check keeps the visibility
the lesson manifest gives it (`[exercise.visibility]`), and Gradescope hides what it must from the student.
"""
from __future__ import annotations

import json
import os
import shutil
import stat
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tutor.core.i18n import pick

if TYPE_CHECKING:
    from tutor.core.course import Course, Exercise
    from tutor.grading.result import GradeResult

CONFIG_NAME = "tutor-autograder.json"
ROOT_ENV = "TUTOR_AUTOGRADER_ROOT"  # where the /autograder tree is; tests point it at a temporary folder
SOURCE_DIR = "tensor-tutor"  # the tutor and its built-in course, inside the bundle
COURSE_DIRS = ("exercises", "solutions", "graders")


class NotGraded(RuntimeError):
    """The tutor could not grade (its own failure): no results may be written."""


def _md_block(text: str) -> str:
    fence = "````" if "```" in text else "```"
    return f"{fence}\n{text.rstrip()}\n{fence}"


def _check_output(check: Any, lang: str) -> str:
    parts = []
    if check.message:
        parts.append(_md_block(check.message) if "\n" in check.message or "`" in check.message else check.message)
    if check.traceback:
        parts.append(_md_block(check.traceback))
    return "\n\n".join(parts)


def _summary_output(result: GradeResult, lang: str) -> str:
    from tutor.grading.result import verdict_label

    lines = [f"**{result.exercise}**: {verdict_label(result.status, lang)}, "
             f"{round(result.score, 2):g} / {result.max_score:g}"]
    if result.message:
        lines.append(_md_block(result.message + ("\n" + result.detail if result.detail else "")))
    if result.misconception is not None:
        lines.append(f"**{result.misconception_label(lang)}:** {result.misconception.hint}")
    lines += [f"- {note}" for note in result.notes]
    return "\n\n".join(lines)


def tests_for(result: GradeResult, exercise: Exercise, lang: str, prefix: str = "") -> list[dict[str, Any]]:
    """One Gradescope test per check, its score scaled to the exercise's points."""
    points = float(exercise.spec.points)
    total = sum(c.max_points for c in result.checks)
    tests = []
    for check in result.checks:
        scale = points / total if total else 0.0
        test = {"name": f"{prefix}{check.title}", "score": round(check.points * scale, 4),
                "max_score": round(check.max_points * scale, 4),
                "status": "passed" if check.status == "passed" else "failed",
                "output": _check_output(check, lang), "output_format": "md",
                "visibility": exercise.spec.check_visibility(check.id)}
        tests.append(test)
    # Rounding must not change the total: what is left over goes to the largest test.
    if tests:
        largest = max(tests, key=lambda t: t["max_score"])
        drift = round(points - sum(t["max_score"] for t in tests), 4)
        if drift:
            passed = largest["score"] == largest["max_score"]
            largest["max_score"] = round(largest["max_score"] + drift, 4)
            if passed:
                largest["score"] = largest["max_score"]
    return tests


def results_json(graded: list[tuple[Exercise, GradeResult]], lang: str) -> dict[str, Any]:
    """Gradescope's results.json for one or more exercises; NotGraded when any grade is the tutor's failure."""
    failed = [r for _, r in graded if r.status == "infra"]
    if failed:
        raise NotGraded("; ".join(r.message for r in failed))
    tests: list[dict[str, Any]] = []
    for exercise, result in graded:
        prefix = f"{exercise.spec.title.get(lang)}: " if len(graded) > 1 else ""
        tests += tests_for(result, exercise, lang, prefix)
    first = graded[0][1] if graded else None
    return {
        "score": round(sum(t["score"] for t in tests), 4),
        "output": "\n\n".join(_summary_output(r, lang) for _, r in graded),
        "output_format": "md",
        "tests": tests,
        "extra_data": {
            "tutor": _tutor_version(),
            "exercises": {r.exercise: {"status": r.status, "score": r.score, "max_score": r.max_score,
                                       "sha256": r.code_sha256, "seconds": r.duration_s,
                                       "misconception": r.misconception.id if r.misconception else None}
                          for _, r in graded},
            "device": first.device if first else "",
            "sandbox": first.sandbox if first else "",
            "versions": dict(first.versions) if first else {},
        },
    }


def _tutor_version() -> str:
    from tutor import __version__

    return __version__


# --- finding the student's file in /autograder/submission ----------------------------------------------------

def find_submission(folder: Path, exercise: Exercise, only_one: bool) -> Path | None:
    """`adam.py` or `adam.ipynb` anywhere in the submission (the top level first; links are never followed);
    with one exercise in the bundle, the only .py or .ipynb file handed in, whatever its name."""
    name = exercise.spec.file
    wanted = (name, Path(name).with_suffix(".ipynb").name)
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "__")))
        for f in sorted(filenames):
            path = Path(dirpath) / f
            if f.endswith((".py", ".ipynb")) and not path.is_symlink() and path.is_file():
                found.append(path)
    by_depth = sorted(found, key=lambda p: (len(p.relative_to(folder).parts), str(p)))
    for candidate in wanted:
        for path in by_depth:
            if path.name == candidate:
                return path
    if only_one and len(found) == 1:
        return found[0]
    return None


def missing_result(exercise: Exercise, lang: str, folder_name: str = "submission") -> GradeResult:
    """Every check at zero, each saying which file was expected: the test list and the total stay the same."""
    from tutor.grading.result import CheckResult, GradeResult

    name = exercise.spec.file
    notebook = Path(name).with_suffix(".ipynb").name
    message = pick(lang, f"not graded: hand in {name} or {notebook}", f"sin calificar: entrega {name} o {notebook}")
    checks = tuple(CheckResult(id=c["id"], title=c["title"], status="skipped", points=0.0,
                               max_points=c["max_points"], message=message) for c in _describe_checks(exercise, lang))
    return GradeResult(exercise=exercise.id, status="error", score=0.0, max_score=float(exercise.spec.points),
                       checks=checks, message=message)


def _describe_checks(exercise: Exercise, lang: str) -> list[dict[str, Any]]:
    """The grader's checks with their points, read from its source without running it (ast)."""
    import ast

    tree = ast.parse(exercise.grader.read_text(encoding="utf-8"))
    out = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test_"):
            points, title = 1.0, node.name.removeprefix("test_").replace("_", " ")
            for deco in node.decorator_list:
                if isinstance(deco, ast.Call) and getattr(deco.func, "attr", "") == "points" and deco.args \
                        and isinstance(deco.args[0], ast.Constant):
                    points = float(deco.args[0].value)
                if isinstance(deco, ast.Call) and getattr(deco.func, "attr", "") == "title":
                    titles = {kw.arg: kw.value.value for kw in deco.keywords if isinstance(kw.value, ast.Constant)}
                    title = str(titles.get(lang) or titles.get("en") or title)
            out.append({"id": node.name.removeprefix("test_"), "title": title, "max_points": points})
    return out


# --- run_autograder ---------------------------------------------------------------------------------------------

def run(root: Path) -> int:
    """Grade /autograder/submission for the bundle's exercises; write results/results.json. Exit 0 with results,
    1 without (the tutor's own failure: Gradescope then reports an autograder error, not a score)."""
    from tutor.core.course import load_course
    from tutor.grading.grader import Grader
    from tutor.grading.submission import Submission, SubmissionFileError

    source = root / "source"
    config = json.loads((source / CONFIG_NAME).read_text(encoding="utf-8"))
    lang = config.get("lang", "en")
    course = load_course([str(source / c) for c in config.get("courses", [])])
    exercises = [course.exercise(i) for i in config["exercises"]]
    submission_dir = root / "submission"
    graded: list[tuple[Exercise, GradeResult]] = []
    grader = Grader(course.roots, None, warm=False, in_process=True)
    for exercise in exercises:
        path = find_submission(submission_dir, exercise, only_one=len(exercises) == 1)
        if path is None:
            graded.append((exercise, missing_result(exercise, lang)))
            continue
        try:
            result = grader.grade(exercise, Submission.read(path), lang=lang, reveal_hidden=True)
        except SubmissionFileError as exc:
            from tutor.grading.result import GradeResult

            shown = str(exc).replace(str(submission_dir) + os.sep, "")
            result = GradeResult(exercise=exercise.id, status="error", score=0.0,
                                 max_score=float(exercise.spec.points), message=shown)
            checks = missing_result(exercise, lang).checks
            from dataclasses import replace

            result = replace(result, checks=tuple(replace(c, message=shown) for c in checks))
        print(f"{exercise.id}: {path.relative_to(submission_dir)} -> {result.status} {result.score:g}/"
              f"{result.max_score:g} (sandbox {result.sandbox})")
        graded.append((exercise, result))
    try:
        results = results_json(graded, lang)
    except NotGraded as exc:
        print(f"tutor: the autograder could not grade this submission (not the student's fault): {exc}",
              file=sys.stderr)
        return 1
    out = root / "results"
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / "results.json.tmp"
    tmp.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, out / "results.json")
    return 0


# --- the bundle ----------------------------------------------------------------------------------------------

SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y python3 python3-venv python3-pip bubblewrap
python3 -m venv /autograder/venv
/autograder/venv/bin/pip install --upgrade pip
/autograder/venv/bin/pip install -r /autograder/source/requirements.txt
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this for every submission: the student's files are in $ROOT/submission; the tutor writes
# $ROOT/results/results.json, or nothing (and exits non-zero) when it could not grade.
set -u
ROOT="${TUTOR_AUTOGRADER_ROOT:-/autograder}"
PYTHON="${TUTOR_AUTOGRADER_PYTHON:-$ROOT/venv/bin/python}"
export PYTHONPATH="$ROOT/source/tensor-tutor"
export TUTOR_OFFLINE=1
cd "$ROOT"
exec "$PYTHON" -m tutor.lms.gradescope run --root "$ROOT"
"""


def _requirements() -> list[str]:
    """The tutor's own dependencies, for setup.sh: from the installed package, else from pyproject.toml."""
    try:
        from importlib.metadata import PackageNotFoundError, requires

        reqs = [r for r in (requires("tensor-tutor") or []) if "extra ==" not in r]
        if reqs:
            return reqs
    except PackageNotFoundError:
        pass
    import tomllib

    project = Path(__file__).resolve().parents[2] / "pyproject.toml"
    return list(tomllib.loads(project.read_text(encoding="utf-8"))["project"]["dependencies"])


def _copy_tree(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst, dirs_exist_ok=True, symlinks=False,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*", "_course"))


def build_bundle(course: Course, exercises: list[Exercise], output: Path, lang: str = "en") -> Path:
    """The autograder zip: setup.sh, run_autograder, the tutor with its course, the exercises' own courses."""
    import tutor
    from tutor.core.course import builtin_root

    builtin = builtin_root().resolve()
    with tempfile.TemporaryDirectory(prefix="tutor-gradescope-") as tmp:
        stage = Path(tmp)
        _copy_tree(Path(tutor.__file__).resolve().parent, stage / SOURCE_DIR / "tutor")
        for name in COURSE_DIRS:
            if (builtin / name).is_dir():
                _copy_tree(builtin / name, stage / SOURCE_DIR / name)
        courses: list[str] = []
        for root in sorted({e.lesson.root.resolve() for e in exercises} - {builtin}):
            target = f"course/{len(courses)}"
            for name in COURSE_DIRS:
                if (root / name).is_dir():
                    _copy_tree(root / name, stage / target / name)
            courses.append(target)
        (stage / CONFIG_NAME).write_text(json.dumps(
            {"format": 1, "exercises": [e.id for e in exercises], "lang": lang, "courses": courses}, indent=1))
        (stage / "requirements.txt").write_text("\n".join(_requirements()) + "\n")
        for name, text in (("setup.sh", SETUP_SH), ("run_autograder", RUN_AUTOGRADER)):
            (stage / name).write_text(text)
            (stage / name).chmod(0o755)
        output.parent.mkdir(parents=True, exist_ok=True)
        tmp_zip = output.with_name(output.name + ".tmp")
        with zipfile.ZipFile(tmp_zip, "w", zipfile.ZIP_DEFLATED) as bundle:
            for path in sorted(stage.rglob("*")):
                if path.is_file():
                    info = zipfile.ZipInfo.from_file(path, str(path.relative_to(stage)))
                    if path.name in ("setup.sh", "run_autograder"):
                        info.external_attr = (stat.S_IFREG | 0o755) << 16  # executable once unzipped
                    info.compress_type = zipfile.ZIP_DEFLATED
                    bundle.writestr(info, path.read_bytes())
        os.replace(tmp_zip, output)
    return output


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m tutor.lms.gradescope")
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="grade /autograder/submission (what run_autograder calls)")
    r.add_argument("--root", default=os.environ.get(ROOT_ENV, "/autograder"))
    args = parser.parse_args(argv)
    return run(Path(args.root))


if __name__ == "__main__":
    sys.exit(main())
