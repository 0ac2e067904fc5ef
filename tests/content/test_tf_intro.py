"""Lesson tf-intro: its manifest and texts, and what a learner gets from grading (the slow tests load TensorFlow).

The slow tests grade through tutor.grading.grade with one warm pool, as the TUI does: the reference solutions
pass, the starters do not, known mistakes are recognised, and common TensorFlow errors come back explained.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.content.mistakes import MISTAKES, mistake

from tutor.core.answers import check_answer
from tutor.core.course import load_course
from tutor.grading.config import expected_signatures

EXERCISES = ("graph", "operators", "linear-regression", "save-restore", "gradient-tape")


@pytest.fixture(scope="module")
def lesson():
    return load_course().lesson("tf-intro")


# --- fast: the lesson as data ------------------------------------------------------------------------


def test_manifest_lists_the_exercises_with_their_runtimes(lesson):
    assert not lesson.broken, lesson.error
    specs = {e.spec.id: e.spec for e in lesson.exercises}
    assert tuple(specs) == EXERCISES
    assert {i for i, s in specs.items() if s.runtime == "tensorflow-legacy"} == set(EXERCISES[:4])
    assert specs["gradient-tape"].runtime == "tensorflow"
    for spec in specs.values():
        assert len(spec.hints.en) >= 2 and len(spec.hints.en) == len(spec.hints.es)


def test_files_exist_for_every_exercise_and_misconception(lesson):
    for exercise in lesson.exercises:
        assert exercise.starter.is_file() and exercise.solution.is_file() and exercise.grader.is_file()
        for m in exercise.spec.misconceptions:
            assert exercise.misconception_file(m).is_file(), m.id
    assert {m.id for m in lesson.exercises[1].spec.misconceptions} == {"subtract-reversed", "truncated-mod"}


def test_starters_have_the_solutions_signatures_and_todos(lesson):
    for exercise in lesson.exercises:
        starter = exercise.starter.read_text(encoding="utf-8")
        assert "# TODO" in starter and "raise NotImplementedError" in starter
        want = expected_signatures(str(exercise.starter))
        for path in [exercise.solution] + [exercise.misconception_file(m) for m in exercise.spec.misconceptions]:
            got = expected_signatures(str(path))
            assert {k: got.get(k) for k in want} == want, path


def test_quiz_keys_accept_the_answer_and_reject_the_slides_errata(lesson):
    quiz = {q.id: q for q in lesson.manifest.quiz}
    assert len(quiz) >= 8
    assert check_answer(quiz["subtract-order"], "7").correct
    assert not check_answer(quiz["subtract-order"], "-7").correct  # "subtracts a from b"
    assert check_answer(quiz["floor-mod"], "2").correct
    assert not check_answer(quiz["floor-mod"], "-1").correct  # truncated remainder
    assert check_answer(quiz["chain-rule"], "2*y*x").correct
    assert check_answer(quiz["matmul-shape"], "(m, 1)").correct
    assert check_answer(quiz["what-a-fetch-evaluates"], [0, 1, 2, 3]).correct
    assert not check_answer(quiz["what-a-fetch-evaluates"], [0, 1, 2, 3, 4]).correct
    assert check_answer(quiz["saver-meta-file"], 0).correct and check_answer(quiz["saver-data-file"], 2).correct


def test_texts_are_parallel_and_teach_the_errata(lesson):
    en = lesson.text_path("en").read_text(encoding="utf-8")
    es = lesson.text_path("es").read_text(encoding="utf-8")
    for pattern in (r"^#{1,3} ", r"^```", r"^\|", r"\$\$"):
        assert len(re.findall(pattern, en, re.M)) == len(re.findall(pattern, es, re.M)), pattern
    for text in (en, es):
        for needle in ("tf.math.floormod", "tf.logical_or", ".numpy()", "import_meta_graph", ".meta", ".index",
                       ".data-00000-of-00001", "tf.GradientTape", "tf.function", "tf.train.Checkpoint",
                       "tf.saved_model", "feed_dict", "tf.name_scope", "tf1.layers.dense"):
            assert needle in text, needle


def test_wrong_submissions_still_apply_to_the_solutions(tmp_path):
    """Each wrong submission is the solution with one change; it must still apply and still be Python."""
    for name in MISTAKES:
        ast.parse(mistake(name, tmp_path).read_text(encoding="utf-8"))


# --- slow: grading, as a learner sees it ---------------------------------------------------------------


@pytest.fixture(scope="module")
def pool(lesson):
    from tutor.grading.sandbox import ZygotePool, default_hidden

    pool = ZygotePool(default_hidden((lesson.root,), None))
    yield pool
    pool.close()


def grade(lesson, pool, exercise_id: str, path: Path, lang: str = "en"):
    from tutor.grading import grade as grade_file

    exercise = next(e for e in lesson.exercises if e.spec.id == exercise_id)
    return grade_file(exercise, path, pool=pool, lang=lang)


def failed_checks(result) -> dict[str, str]:
    return {c.id: c.message for c in result.checks if c.status != "passed"}


@pytest.mark.slow
@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_reference_passes_and_starter_does_not(lesson, pool, exercise_id):
    exercise = next(e for e in lesson.exercises if e.spec.id == exercise_id)
    passed = grade(lesson, pool, exercise_id, exercise.solution)
    assert passed.status == "passed" and passed.score == passed.max_score, failed_checks(passed) or passed.message
    starter = grade(lesson, pool, exercise_id, exercise.starter)
    assert starter.status == "failed" and starter.score == 0
    assert all("not implemented yet" in m for m in failed_checks(starter).values())


@pytest.mark.slow
@pytest.mark.parametrize("misconception", ["subtract-reversed", "truncated-mod"])
def test_operator_misconceptions_are_recognised(lesson, pool, misconception):
    exercise = lesson.exercises[1]
    spec = next(m for m in exercise.spec.misconceptions if m.id == misconception)
    result = grade(lesson, pool, "operators", exercise.misconception_file(spec))
    assert result.status == "failed"
    assert result.misconception is not None and result.misconception.id == misconception
    assert result.misconception.hint == spec.hint.en


@pytest.mark.slow
def test_unfed_placeholder_is_explained(lesson, pool):
    result = grade(lesson, pool, "graph", mistake("tf_intro/graph_unfed"))
    failed = failed_checks(result)
    assert set(failed) == {"evaluate_with_placeholders"}
    message = failed["evaluate_with_placeholders"]
    assert "the placeholder 'y' was not fed" in message and "feed_dict={x: xs, y: ys}" in message
    assert "Original stack trace" not in message  # TensorFlow's own long report is replaced
    check = next(c for c in result.checks if c.id == "evaluate_with_placeholders")
    assert "graph_unfed.py" in check.traceback and "feed_dict" in check.traceback


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "es"])
def test_uninitialised_variable_is_explained(lesson, pool, lang):
    result = grade(lesson, pool, "graph", mistake("tf_intro/graph_uninitialised"), lang=lang)
    failed = failed_checks(result)
    assert set(failed) == {"evaluate_with_variables"}
    message = failed["evaluate_with_variables"]
    assert "FailedPreconditionError" in message
    assert "global_variables_initializer()" in message
    # Which of x and y is read first is up to TensorFlow's scheduler.
    if lang == "en":
        assert re.search(r"the variable '[xy]' was read before it was initialised", message), message
    else:
        assert re.search(r"la variable '[xy]' se leyó antes de inicializarla", message), message


@pytest.mark.slow
@pytest.mark.parametrize("name, check, needle", [
    ("graph_returns_tensor.py", "evaluate_with_placeholders", "you returned a Tensor, which is a node of the graph"),
    ("graph_default_session.py", "evaluate_with_placeholders", "open the session on the graph that holds your nodes"),
    ("graph_no_scope.py", "placeholders_graph", "outside the name scope"),
    ("graph_init_too_early.py", "variables_graph", "right after sess.run(init), raised FailedPreconditionError"),
])
def test_graph_mistakes_are_explained(lesson, pool, name, check, needle):
    failed = failed_checks(grade(lesson, pool, "graph", mistake(f"tf_intro/{name.removesuffix('.py')}")))
    assert check in failed and needle in failed[check], failed


@pytest.mark.slow
def test_regression_mistakes_are_explained(lesson, pool):
    summed = failed_checks(grade(lesson, pool, "linear-regression", mistake("tf_intro/linreg_sum_loss")))
    assert "that is the sum of the squared errors: average them with tf.reduce_mean" in summed["loss"]
    assert "the training diverged" in summed["train"]
    per_epoch = failed_checks(grade(lesson, pool, "linear-regression", mistake("tf_intro/linreg_one_step_per_epoch")))
    assert set(per_epoch) == {"train"} and "run train_op once per mini-batch" in per_epoch["train"]


@pytest.mark.slow
def test_saver_outside_the_graph_is_explained(lesson, pool):
    failed = failed_checks(grade(lesson, pool, "save-restore", mistake("tf_intro/save_saver_outside_graph")))
    assert "files" in failed and "the Saver found no variables" in failed["files"]


@pytest.mark.slow
def test_gradient_tape_mistakes_are_explained(lesson, pool):
    outside = failed_checks(grade(lesson, pool, "gradient-tape", mistake("tf_intro/tape_loss_outside")))
    assert set(outside) == {"gradients"} and "a gradient is None" in outside["gradients"]
    variables = failed_checks(grade(lesson, pool, "gradient-tape", mistake("tf_intro/tape_returns_variables")))
    assert "you returned a TensorFlow Variable, not its value; call .numpy()" in variables["fit"]
