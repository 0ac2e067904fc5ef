"""`tutor report GRADEBOOK`: what an instructor reads about a synthetic class (tests/report/synthetic_class.py)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.report.synthetic_class import ADAM, BROADCAST, CHO, DEV, FAY, make_class
from tutor.batch.similarity import normalise, similar_pairs

ROOT = Path(__file__).resolve().parents[2]


def _tutor(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tutor.cli", *args], capture_output=True, text=True, timeout=300,
                          cwd=cwd, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
                                        "MPLCONFIGDIR": str(cwd / "mpl"), "TUTOR_OFFLINE": "1"})


@pytest.fixture(scope="module")
def klass(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("report")
    return make_class(base / "class", base / "gradebook.sqlite3")


@pytest.fixture(scope="module")
def report(klass, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str, Path]:
    folder, book = klass
    out = tmp_path_factory.mktemp("out")
    done = _tutor("report", str(book), "--html", str(out / "page"), "--json", "--submissions", str(folder), cwd=out)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), (out / "page" / "report.html").read_text(encoding="utf-8"), out


def _exercise(report: dict, ident: str) -> dict:
    return next(e for e in report["exercises"] if e["id"] == ident)


def test_the_share_of_the_class_making_each_known_mistake_with_its_hint(report):
    numbers, page, _ = report
    adam = _exercise(numbers, ADAM)
    [mistake] = adam["mistakes"]
    assert (mistake["id"], mistake["students"], mistake["of"]) == ("no-bias-correction", 3, 6)
    assert mistake["names"] == ["cho", "dev", "fay"]
    assert "bias correction" in mistake["hint"] and mistake["hint"] != "(the hint stored with the grade)"
    assert "3 of 6 (50%) no-bias-correction" in page
    assert mistake["hint"].split(":")[0] in page


def test_scores_and_the_checks_that_fail_most(report):
    numbers, page, _ = report
    adam, broadcast = _exercise(numbers, ADAM), _exercise(numbers, BROADCAST)
    assert adam["passed"] == 2 and broadcast["passed"] == 5
    assert sum(adam["histogram"]["counts"]) == 6 and adam["histogram"]["counts"][-1] == 2  # ana, ben: 10/10
    assert adam["failed_checks"][0]["failed"] == 4 and adam["failed_checks"][0]["ran"] == 6  # cho dev eli fay
    top = numbers["most_failed_checks"][0]
    assert top["exercise"] == ADAM and top["failed"] == 4
    assert page.count("<svg") >= 5  # the charts are in the page itself


def test_attempts_hints_and_time_to_pass_come_from_the_learners_workspaces(report):
    numbers, _, _ = report
    adam = _exercise(numbers, ADAM)
    ben = next(ln for ln in adam["learners"] if ln["student"] == "ben")
    assert (ben["attempts"], ben["hints"], ben["attempts_to_pass"], ben["minutes_to_pass"]) == (3, 2, 3, 10.0)
    assert ben["curve"] == [0.0, 3.33, 10.0]
    eli = next(ln for ln in adam["learners"] if ln["student"] == "eli")
    assert eli["attempts_to_pass"] is None and eli["hints"] == 3
    assert adam["time_to_pass"] == {"learners": 2, "median_attempts": 2.0, "median_minutes": 5.0}
    assert numbers["progress"]["workspaces_read"] == 6


def test_similar_submissions_are_paired_with_their_shared_lines_and_called_evidence(report):
    numbers, page, _ = report
    adam = _exercise(numbers, ADAM)
    assert [(p["students"], p["kind"]) for p in adam["similar"]] == [(["cho", "dev"], "identical")]
    shared = adam["similar"][0]["shared_lines"]
    assert shared[0] and shared[1]
    cho_lines = {ln["n"]: ln["text"] for ln in adam["similar"][0]["lines"][0]}
    assert any("beta1 * state" in cho_lines[n] for n in shared[0])
    # ana's is the reference with other names, eli's the starter: neither is paired with anyone
    assert not any({"ana", "eli"} & set(p["students"]) for p in adam["similar"])
    assert _exercise(numbers, BROADCAST)["similar"] == []  # five reference copies: not evidence of anything
    assert "never a verdict" in page and 'class="shared"' in page


def test_the_page_is_self_contained(report):
    _, page, _ = report
    assert not re.search(r'(src|href)="(?!#|data:)', page)  # nothing to fetch: links inside the page, data: URIs
    assert "<script" not in page


def test_in_spanish(klass, tmp_path):
    folder, book = klass
    done = _tutor("report", str(book), "--json", "--lang", "es", "--submissions", str(folder), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    numbers = json.loads(done.stdout)
    adam = _exercise(numbers, ADAM)
    assert adam["title"] == "Adam, un paso"
    assert "sesgo" in adam["mistakes"][0]["hint"]
    assert "veredicto" in numbers["similarity"]["note"]
    done = _tutor("report", str(book), "--html", str(tmp_path / "es"), "--lang", "es", cwd=tmp_path)
    page = (tmp_path / "es" / "report.html").read_text(encoding="utf-8")
    assert "3 de 6 (50%) no-bias-correction" in page and "Informe de la clase" in page


def test_without_the_class_folder_only_the_gradebook_numbers(klass, tmp_path):
    _, book = klass
    done = _tutor("report", str(book), "--json", cwd=tmp_path)
    numbers = json.loads(done.stdout)
    adam = _exercise(numbers, ADAM)
    assert adam["mistakes"][0]["students"] == 3 and adam["learners"] == [] and adam["similar"] == []


def test_bad_input(tmp_path):
    assert _tutor("report", str(tmp_path / "none.sqlite3"), "--json", cwd=tmp_path).returncode == 2
    assert not (tmp_path / "none.sqlite3").exists()  # asking for a report never creates a gradebook
    assert _tutor("report", str(tmp_path / "none.sqlite3"), cwd=tmp_path).returncode == 2


def test_normalising_sets_aside_names_comments_layout_and_docstrings():
    assert normalise(CHO) == normalise(DEV)
    assert normalise(CHO) != normalise(FAY)
    assert normalise("def f(a):\n    return a + 1\n") == normalise('def g(x):  # mine\n    """Doc."""\n\n    return x+1\n')
    assert normalise("def f(a):\n    return a + 1\n") != normalise("def f(a):\n    return a - 1\n")


def test_a_pair_above_the_threshold_is_similar_and_below_it_is_not():
    base = CHO
    edited = CHO.replace("return theta - lr * m / (np.sqrt(v) + eps)", "step = lr * m / (np.sqrt(v) + eps)\n"
                         "    print(step)\n    return theta - step")
    [pair] = similar_pairs(ADAM, {"a": base, "b": edited}, threshold=0.3)
    assert pair.kind == "similar" and 0.3 <= pair.similarity < 1.0
    assert similar_pairs(ADAM, {"a": base, "b": FAY}, threshold=0.9) == []
