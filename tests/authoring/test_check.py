"""`tutor lesson new` scaffolds a lesson that passes `tutor lesson check`; each way `check` can fail is reported
with a reason the instructor can act on."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tutor.authoring.check import Checker, Finding, grader_marker_problems, quiz_key_problem
from tutor.authoring.scaffold import new_lesson
from tutor.cli import main
from tutor.core.course import load_course, load_lesson
from tutor.core.manifest import Question, Text

SLUG = "feature-scaling"
DIR = f"01-{SLUG}"


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("template")
    new_lesson(root, SLUG)
    return root


@pytest.fixture
def course(tmp_path, template) -> Path:
    root = tmp_path / "course"
    shutil.copytree(template, root)
    return root


def static(root: Path) -> list[Finding]:
    """The checks that need no grading, over a whole course root."""
    lessons = [l for l in load_course([str(root)]).lessons if l.root == root]
    return Checker("en", grade=False).run(lessons, [root])


def failures(findings: list[Finding], check: str | None = None) -> list[str]:
    return [f.detail for f in findings if not f.ok and (check is None or f.check == check)]


# --- lesson new -> lesson check ----------------------------------------------------------------------

def test_new_lesson_passes_check_at_once(tmp_path, capsys):
    root = tmp_path / "mycourse"
    assert main(["lesson", "new", SLUG, "--course", str(root)]) == 0
    created = capsys.readouterr().out.split()
    assert {Path(p).relative_to(root).as_posix() for p in created} == {
        f"exercises/{DIR}/lesson.toml", f"exercises/{DIR}/lesson.en.md", f"exercises/{DIR}/lesson.es.md",
        f"exercises/{DIR}/standardize.py", f"exercises/{DIR}/instructions.es.toml", f"solutions/{DIR}/standardize.py",
        f"solutions/{DIR}/wrong/standardize/global_statistics.py", f"graders/{DIR}/test_standardize.py"}
    assert main(["lesson", "check", "--course", str(root), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    for check in ("manifest", "lesson text", "quiz keys", "stray files", "reference passes", "starter fails",
                  "misconception global-statistics", "grader markers", "glossary", "instructions (es)"):
        assert check in out
    assert "all 12 checks passed" in out and "✗" not in out


def test_scaffold_shows_each_feature_in_comments(template):
    manifest = (template / "exercises" / DIR / "lesson.toml").read_text(encoding="utf-8")
    for feature in ("[[quiz]]", 'kind = "number"', "tolerance", 'kind = "expression"', "symbols", "[[exercise]]",
                    "runtime", "device", "timeout", "memory", "hints.es", "[[exercise.misconception]]"):
        assert feature in manifest
    grader = (template / "graders" / DIR / "test_standardize.py").read_text(encoding="utf-8")
    assert "reference" in grader and "@pytest.mark.points" in grader and "t(" in grader
    assert "$$" in (template / "exercises" / DIR / "lesson.es.md").read_text(encoding="utf-8")


def test_new_takes_the_next_free_number_and_refuses_bad_slugs(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no --course: the current folder is the course root
    assert main(["lesson", "new", "first"]) == 0
    assert main(["lesson", "new", "second"]) == 0
    assert (tmp_path / "exercises" / "02-second" / "lesson.toml").is_file()
    capsys.readouterr()
    assert main(["lesson", "new", "first"]) == 2
    assert "already has a lesson 'first'" in capsys.readouterr().err
    assert main(["lesson", "new", "Bad_Slug"]) == 2
    assert "not a valid lesson slug" in capsys.readouterr().err


# --- static failures ---------------------------------------------------------------------------------

def test_broken_manifest_fails_with_file_line_and_fix(course, capsys):
    path = course / "exercises" / DIR / "lesson.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("hints.en =", "hint.en ="), encoding="utf-8")
    assert main(["lesson", "check", "--course", str(course), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "lesson.toml" in out and "unknown key" in out and "did you mean 'hints'" in out


def test_missing_lesson_text_in_one_language(course):
    (course / "exercises" / DIR / "lesson.es.md").unlink()
    assert failures(static(course), "lesson text") == [
        f"exercises/{DIR}/lesson.es.md is missing: write the lesson text in Spanish"]


def test_missing_starter_solution_and_grader(course):
    for rel in (f"exercises/{DIR}/standardize.py", f"solutions/{DIR}/standardize.py",
                f"graders/{DIR}/test_standardize.py"):
        (course / rel).unlink()
    found = failures(static(course), "files")
    assert any(f.startswith(f"no starter at exercises/{DIR}/standardize.py") for f in found)
    assert any(f.startswith(f"no solution at solutions/{DIR}/standardize.py") for f in found)
    assert any(f.startswith(f"no grader at graders/{DIR}/test_standardize.py") for f in found)


def test_grader_checks_without_points_or_titles(course):
    path = course / "graders" / DIR / "test_standardize.py"
    text = path.read_text(encoding="utf-8")
    text = text.replace("@pytest.mark.points(2)\n@pytest.mark.title(en=\"Keeps", "@pytest.mark.title(en=\"Keeps")
    text = text.replace('@pytest.mark.title(en="Hidden random matrices", es="Matrices aleatorias ocultas")',
                        '@pytest.mark.title(en="Hidden random matrices")')
    path.write_text(text, encoding="utf-8")
    assert failures(static(course), "grader markers") == [
        "test_shape has no @pytest.mark.points(n)", 'test_random needs @pytest.mark.title(en="…", es="…")']
    assert grader_marker_problems(path, "es")[0] == "test_shape no tiene @pytest.mark.points(n)"


def test_quiz_expression_key_that_sympy_cannot_read():
    text = Text("a", "b")
    bad = Question("q", "expression", text, text, "x[0]", None, 0.0, ("x",))
    assert "sympy cannot read the key" in quiz_key_problem(bad)
    good = Question("q", "expression", text, text, "(x - mu)/sigma", None, 0.0, ("x", "mu", "sigma"))
    assert quiz_key_problem(good) is None


def test_quiz_key_problem_is_reported_per_question(course):
    path = course / "exercises" / DIR / "lesson.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('answer = "(x - mu)/sigma"', 'answer = "x[mu]"'),
                    encoding="utf-8")
    findings = static(course)
    assert [f.check for f in findings if not f.ok] == ["quiz standardize-formula"]
    assert "sympy cannot read the key" in failures(findings)[0]


def test_stray_and_orphan_files(course):
    (course / "exercises" / DIR / "notes.txt").write_text("draft")
    (course / "exercises" / DIR / "standardise.py").write_text("")
    (course / "solutions" / DIR / "normalize.py").write_text("")
    (course / "graders" / DIR / "test_normalize.py").write_text("")
    (course / "solutions" / DIR / "wrong" / "standardize" / "forgot_eps.py").write_text("")
    (course / "solutions" / DIR / "wrong" / "normalize").mkdir()
    found = failures(static(course), "stray files")
    assert f"exercises/{DIR}/notes.txt is a stray file (learners get only starters and images)" in found
    assert (f"exercises/{DIR}/standardise.py is the starter of no exercise in lesson.toml (did you mean "
            "'standardize'?)") in found
    assert any(f.startswith(f"solutions/{DIR}/normalize.py is an orphan solution") for f in found)
    assert any(f.startswith(f"graders/{DIR}/test_normalize.py grades no exercise") for f in found)
    assert (f"solutions/{DIR}/wrong/standardize/forgot_eps.py is not registered: add [[exercise.misconception]] "
            'id = "forgot-eps" with its hint, or remove the file') in found
    assert f"solutions/{DIR}/wrong/normalize/ is for no exercise of lesson.toml" in found
    assert len(found) == 6


def test_folders_that_belong_to_no_lesson(course):
    (course / "exercises" / "Week 3").mkdir()
    (course / "graders" / "07-ghost").mkdir()
    shutil.copytree(course / "exercises" / DIR, course / "exercises" / f"02-{SLUG}")
    found = failures(static(course))
    assert "exercises/Week 3 is not a lesson folder: name it NN-slug (e.g. 05-week-3)" in found
    assert "graders/07-ghost belongs to no lesson (there is no exercises/07-ghost); rename or remove it" in found
    assert any("have the same slug 'feature-scaling'" in f for f in found)


# --- failures found by grading -----------------------------------------------------------------------

MISCONCEPTIONS = '''
[[exercise.misconception]]
id = "same-as-global"
hint.en = "A copy of global-statistics."
hint.es = "Una copia de global-statistics."

[[exercise.misconception]]
id = "one-column"
hint.en = "A single column is standardized too."
hint.es = "Una sola columna también se estandariza."

[[exercise.misconception]]
id = "no-mistake"
hint.en = "Not a mistake at all."
hint.es = "No es un error."

[[exercise.misconception]]
id = "ghost"
hint.en = "Its file is missing."
hint.es = "Falta su archivo."
'''

CONSTANT_CHECK = '''

@pytest.mark.points(1)
@pytest.mark.title(en="A known value", es="Un valor conocido")
def test_known_value(submission):
    got = np.asarray(submission.standardize(np.array([[1.0], [3.0]])))
    assert np.allclose(got, [[-1.0], [1.0]]), t("wrong", "mal")
'''


BOTH_AT_ONCE_CHECK = '''

@pytest.mark.points(2)
@pytest.mark.title(en="Standardized plus centred", es="Estandarizada más centrada")
def test_both_at_once(submission, reference):
    x = _data(np.random.default_rng(7))
    check_array(submission.standardize(x) + submission.center(x), reference.standardize(x) + reference.center(x),
                what="standardize(x) + center(x)")
'''


def _add_center(root: Path, dirname: str) -> None:
    """A second function, center(x), whose checks all go through standardize() too."""
    def append(rel: str, text: str) -> None:
        with open(root / rel, "a", encoding="utf-8") as fh:
            fh.write(text)

    append(f"exercises/{dirname}/standardize.py", '\n\ndef center(x: np.ndarray) -> np.ndarray:\n'
           '    """Return x minus the mean of each column."""\n    # TODO: subtract the column means\n'
           '    raise NotImplementedError\n')
    append(f"exercises/{dirname}/instructions.es.toml", 'center = "Devuelve x menos la media de cada columna."\n')
    append(f"solutions/{dirname}/standardize.py", "\n\ndef center(x):\n    return x - x.mean(axis=0)\n")
    append(f"solutions/{dirname}/wrong/standardize/global_statistics.py",
           "\n\ndef center(x):\n    return x - x.mean()\n")
    append(f"graders/{dirname}/test_standardize.py", BOTH_AT_ONCE_CHECK)


def _strip_misconception(manifest: Path) -> None:
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text[: text.index("# A known mistake")], encoding="utf-8")


@pytest.fixture(scope="module")
def graded(tmp_path_factory, template) -> dict[tuple[str, str], Finding]:
    """One check run over a course whose lessons each break one graded rule."""
    root = tmp_path_factory.mktemp("graded")
    shutil.copytree(template, root, dirs_exist_ok=True)
    lesson = f"solutions/{DIR}"
    with open(root / "exercises" / DIR / "lesson.toml", "a", encoding="utf-8") as fh:
        fh.write(MISCONCEPTIONS)
    wrong = root / lesson / "wrong" / "standardize"
    shutil.copy(wrong / "global_statistics.py", wrong / "same_as_global.py")
    shutil.copy(root / lesson / "standardize.py", wrong / "no_mistake.py")
    # Zeros for a single column: only the constant check has one column, so only it sees this mistake.
    (wrong / "one_column.py").write_text((root / lesson / "standardize.py").read_text(encoding="utf-8")
                                         .replace("    return (", "    if x.shape[1] == 1:\n        return 0 * x\n"
                                                  "    return ("), encoding="utf-8")
    with open(root / "graders" / DIR / "test_standardize.py", "a", encoding="utf-8") as fh:
        fh.write(CONSTANT_CHECK)
    new_lesson(root, "badref")  # 02-badref: its reference returns the means, which fails the shape check
    _strip_misconception(root / "exercises" / "02-badref" / "lesson.toml")
    shutil.rmtree(root / "solutions" / "02-badref" / "wrong")
    ref = root / "solutions" / "02-badref" / "standardize.py"
    ref.write_text(ref.read_text(encoding="utf-8").replace("return (x - x.mean(axis=0)) / (x.std(axis=0) + eps)",
                                                           "return x.mean(axis=0)"), encoding="utf-8")
    new_lesson(root, "giveaway")  # 03-giveaway: its starter already holds the answer
    _strip_misconception(root / "exercises" / "03-giveaway" / "lesson.toml")
    shutil.rmtree(root / "solutions" / "03-giveaway" / "wrong")
    shutil.copy(root / "solutions" / "03-giveaway" / "standardize.py",
                root / "exercises" / "03-giveaway" / "standardize.py")
    new_lesson(root, "twofold")  # 04-twofold: global statistics in two functions, one seen only with the other
    _add_center(root, "04-twofold")
    lessons = [load_lesson(root, d) for d in (DIR, "02-badref", "03-giveaway", "04-twofold")]
    findings = Checker("en").run(lessons, [root])
    return {(f.subject, f.check): f for f in findings}


def test_recognised_misconception_passes(graded):
    assert graded[(f"{SLUG}/standardize", "misconception global-statistics")].ok


def test_reference_that_does_not_pass(graded):
    f = graded[("badref/standardize", "reference passes")]
    assert not f.ok
    assert f.detail.startswith("the reference solution does not pass 100%: ")
    assert "Keeps the shape of x: standardize(x) returned shape" in f.detail  # the failing check and its message


def test_starter_that_passes(graded):
    f = graded[("giveaway/standardize", "starter fails")]
    assert not f.ok and f.detail.startswith("the untouched starter passes every check")
    assert graded[(f"{SLUG}/standardize", "starter fails")].ok


def test_misconception_recognised_as_another(graded):
    f = graded[(f"{SLUG}/standardize", "misconception same-as-global")]
    assert not f.ok
    assert f.detail == (f"solutions/{DIR}/wrong/standardize/same_as_global.py is recognised as 'global-statistics' "
                        "instead: the grader cannot tell the two mistakes apart")


def test_misconception_not_recognised_names_the_checks_to_fix(graded):
    f = graded[(f"{SLUG}/standardize", "misconception one-column")]
    assert not f.ok
    assert "fails but is not recognised" in f.detail and "A known value" in f.detail
    assert "Compare with the `reference` fixture" in f.detail


def test_misconception_that_passes(graded):
    f = graded[(f"{SLUG}/standardize", "misconception no-mistake")]
    assert not f.ok and "passes every check: the grader cannot tell this mistake from the solution" in f.detail


def test_misconception_without_its_file(graded):
    f = graded[(f"{SLUG}/standardize", "misconception ghost")]
    assert not f.ok
    assert f.detail == (f"no variant file at solutions/{DIR}/wrong/standardize/ghost.py: write the solution with "
                        "this one mistake")


def test_misconception_that_cannot_be_named_in_one_function(graded):
    assert graded[("twofold/standardize", "misconception global-statistics")].ok  # the whole variant is named
    # The combined check fails for a mistake in either function alone, and the variant (wrong in both) does not
    # explain it: a misconception is named only when it explains every failed check, so neither place names it.
    for fn in ("standardize", "center"):
        f = graded[("twofold/standardize", f"misconception global-statistics, {fn}() alone")]
        assert not f.ok
        assert f.detail.startswith("solutions/04-twofold/wrong/standardize/global_statistics.py: misconception "
                                   f"global-statistics is not named when only {fn}() has the mistake (")
        assert "Standardized plus centred" in f.detail and "\n" not in f.detail


def test_a_variant_that_differs_in_one_function_is_its_own_one_place_proof(graded):
    assert not [check for subject, check in graded if check.endswith("alone") and subject != "twofold/standardize"]


def test_check_of_unknown_id_is_bad_input(course, capsys):
    assert main(["lesson", "check", "feature-scalin", "--course", str(course)]) == 2
    assert "did you mean feature-scaling" in capsys.readouterr().err
    assert main(["lesson", "check", "--course", str(course / "nope")]) == 2


def test_grader_helpers_imported_by_a_grader_are_not_strays(course):
    folder = course / "graders" / DIR
    (folder / "cases.py").write_text("SEEDS = (1, 2, 3)\n")
    grader = folder / "test_standardize.py"
    grader.write_text(grader.read_text(encoding="utf-8").replace("import pytest\n", "import pytest\nfrom cases import SEEDS\n"),
                      encoding="utf-8")
    assert failures(static(course)) == []
    (folder / "unused.py").write_text("")
    assert failures(static(course), "stray files") == [
        f"graders/{DIR}/unused.py grades no exercise of lesson.toml; graders are test_<exercise>.py, helpers "
        "are imported by one"]
