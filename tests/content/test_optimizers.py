"""Lesson `optimizers`: each reference takes the same steps as keras.optimizers once the conventions the lesson
names are mapped; the quiz keys agree with the references; the graders pass the references, fail the starters,
and recognise every known-wrong variant by name."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

import numpy as np
import pytest

from tutor.core.answers import check_answer
from tutor.core.course import load_course
from tutor.grading import grade
from tutor.grading.sandbox import ZygotePool, default_hidden

ROOT = Path(__file__).resolve().parents[2]
SOLUTIONS = ROOT / "solutions" / "04-optimizers"
EXERCISES = ("momentum", "nesterov", "adagrad", "rmsprop", "adam")
RTOL = 1e-6
# Keras keeps the learning rate in a float32 variable and casts Python-float hyper-parameters through float32
# even for float64 variables (0.999 becomes 0.99900001287...), which alone moves Adam's first step by 6e-6.
# So the Keras comparisons use hyper-parameters that float32 represents exactly (binary fractions): then both
# sides compute in float64 and agree to better than 1e-12 (measured), far inside RTOL.
LR, BETA, BETA2, EPS = 2.0 ** -9, 0.875, 1.0 - 2.0 ** -10, 2.0 ** -23


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _ref(name: str) -> ModuleType:
    return _load(SOLUTIONS / f"{name}.py", f"reference_{name}")


sys.path.insert(0, str(ROOT / "graders" / "04-optimizers"))  # its sibling helpers, as pytest puts it for a grade
CASES = _load(ROOT / "graders" / "04-optimizers" / "optimizer_cases.py", "optimizer_cases_for_tests")
SURFACES = ("ill-conditioned", "rosenbrock")


def _rel(got: Any, want: Any) -> float:
    a, b = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-300)))


def _reference_path(step: Callable, surface_id: str, state: dict, steps: int, **hyper: Any) -> list[np.ndarray]:
    surface = CASES.SURFACES[surface_id]
    theta = np.array(surface.start, dtype=np.float64)
    path = [theta]
    for _ in range(steps):
        theta, state = step(theta, surface.grad(theta), state, **hyper)
        path.append(theta)
    return path


# --- the references against Keras (float64 variables, so no float32 tolerance is needed) -------------------

@pytest.fixture(scope="module")
def keras_path() -> Callable[..., list[np.ndarray]]:
    import keras
    import tensorflow as tf

    def run(optimizer: Any, surface_id: str, steps: int) -> list[np.ndarray]:
        surface = CASES.SURFACES[surface_id]
        var = keras.Variable(np.array(surface.start, dtype=np.float64), dtype="float64")
        path = [np.array(var.numpy())]
        for _ in range(steps):
            grad = tf.constant(surface.grad(var.numpy()), dtype=tf.float64)
            optimizer.apply_gradients([(grad, var)])
            path.append(np.array(var.numpy()))
        return path

    run.keras = keras
    return run


@pytest.mark.slow
@pytest.mark.parametrize("surface_id", SURFACES)
def test_momentum_equals_keras_sgd_with_momentum(keras_path, surface_id: str) -> None:
    ref = _ref("momentum")
    lr, beta = LR, BETA
    want = keras_path(keras_path.keras.optimizers.SGD(learning_rate=lr, momentum=beta), surface_id, 60)
    got = _reference_path(ref.momentum_step, surface_id, ref.init_state(want[0]), 60, lr=lr, momentum=beta)
    assert _rel(got, want) <= RTOL


@pytest.mark.slow
def test_slides_averaged_momentum_is_keras_with_lr_times_one_minus_beta(keras_path) -> None:
    """The lesson's claim: m <- beta m + (1-beta) g, theta <- theta - alpha m equals SGD(alpha (1 - beta))."""
    alpha, beta = 8 * LR, BETA
    surface = CASES.SURFACES["rosenbrock"]
    theta, m = np.array(surface.start), np.zeros(2)
    got = [theta]
    for _ in range(60):
        m = beta * m + (1 - beta) * surface.grad(theta)
        theta = theta - alpha * m
        got.append(theta)
    want = keras_path(keras_path.keras.optimizers.SGD(learning_rate=alpha * (1 - beta), momentum=beta),
                      "rosenbrock", 60)
    assert _rel(got, want) <= RTOL


@pytest.mark.slow
@pytest.mark.parametrize("surface_id", SURFACES)
def test_nesterov_equals_keras_sgd_nesterov_at_the_look_ahead_point(keras_path, surface_id: str) -> None:
    """Keras stores phi = theta + beta v (its reformulation): compare its variable with the reference's look-ahead
    point. Both start at the same point because v starts at zero."""
    ref = _ref("nesterov")
    lr, beta = LR, BETA
    surface = CASES.SURFACES[surface_id]
    want = keras_path(keras_path.keras.optimizers.SGD(learning_rate=lr, momentum=beta, nesterov=True),
                      surface_id, 60)
    theta = np.array(surface.start, dtype=np.float64)
    state = ref.init_state(theta)
    got = [theta + beta * state["velocity"]]
    for _ in range(60):
        theta, state = ref.nesterov_step(theta, surface.grad, state, lr=lr, momentum=beta)
        got.append(theta + beta * state["velocity"])
    assert _rel(got, want) <= RTOL
    # ...and without the mapping they really differ: the conventions are not the same variable.
    plain = _reference_path(lambda th, g, st, **h: ref.nesterov_step(th, surface.grad, st, **h), surface_id,
                            ref.init_state(want[0]), 60, lr=lr, momentum=beta)
    assert _rel(plain, want) > 1e-4


@pytest.mark.slow
@pytest.mark.parametrize("surface_id", SURFACES)
def test_adagrad_equals_keras_adagrad(keras_path, surface_id: str) -> None:
    """Keras starts the accumulator at initial_accumulator_value (0.1) and puts epsilon inside the root. With the
    same starting accumulator in our explicit state and epsilon = 0 on both sides, the updates are identical."""
    ref = _ref("adagrad")
    lr, start = 0.5, 0.125
    want = keras_path(keras_path.keras.optimizers.Adagrad(learning_rate=lr, initial_accumulator_value=start,
                                                          epsilon=0.0), surface_id, 60)
    got = _reference_path(ref.adagrad_step, surface_id, {"s": np.full(2, start)}, 60, lr=lr, eps=0.0)
    assert _rel(got, want) <= RTOL


@pytest.mark.slow
def test_adagrad_epsilon_placement_is_negligible_once_s_is_large(keras_path) -> None:
    """Keras's default initial accumulator (0.1) with epsilon inside the root, ours outside: once S >= 0.1 the two
    placements differ by at most eps / sqrt(S) ~ 4e-7 per step, inside 1e-6 (0.1 is not a binary fraction, which
    adds ~1e-8 more)."""
    ref = _ref("adagrad")
    want = keras_path(keras_path.keras.optimizers.Adagrad(learning_rate=0.5, epsilon=EPS), "rosenbrock", 60)
    got = _reference_path(ref.adagrad_step, "rosenbrock", {"s": np.full(2, 0.1)}, 60, lr=0.5, eps=EPS)
    assert _rel(got, want) <= RTOL


@pytest.mark.slow
@pytest.mark.parametrize("surface_id", SURFACES)
def test_rmsprop_equals_keras_rmsprop(keras_path, surface_id: str) -> None:
    """Same convention (epsilon inside the root, S starting at 0): no mapping at all."""
    ref = _ref("rmsprop")
    want = keras_path(keras_path.keras.optimizers.RMSprop(learning_rate=32 * LR, rho=BETA, epsilon=EPS),
                      surface_id, 60)
    got = _reference_path(ref.rmsprop_step, surface_id, ref.init_state(want[0]), 60, lr=32 * LR, rho=BETA,
                          eps=EPS)
    assert _rel(got, want) <= RTOL


@pytest.mark.slow
@pytest.mark.parametrize("surface_id", SURFACES)
def test_adam_equals_keras_adam(keras_path, surface_id: str) -> None:
    """Keras folds the bias corrections into the step size and adds epsilon to sqrt(v) before correcting
    ("epsilon hat" in the paper): that is our form with eps_t = eps / sqrt(1 - beta2^t), an exact mapping."""
    ref = _ref("adam")
    lr, b1, b2, eps = 64 * LR, BETA, BETA2, EPS
    want = keras_path(keras_path.keras.optimizers.Adam(learning_rate=lr, beta_1=b1, beta_2=b2, epsilon=eps),
                      surface_id, 60)
    surface = CASES.SURFACES[surface_id]
    theta = np.array(surface.start, dtype=np.float64)
    state = ref.init_state(theta)
    got = [theta]
    for t in range(1, 61):
        theta, state = ref.adam_step(theta, surface.grad(theta), state, lr=lr, beta1=b1, beta2=b2,
                                     eps=eps / np.sqrt(1 - b2 ** t))
        got.append(theta)
    assert _rel(got, want) <= RTOL


# --- the quiz keys agree with the references ------------------------------------------------------------

def _quiz() -> dict[str, Any]:
    lesson = load_course().lesson("optimizers")
    assert not lesson.broken, lesson.error
    return {q.id: q for q in lesson.manifest.quiz}


def test_quiz_has_derivation_questions_of_both_kinds() -> None:
    kinds = [q.kind for q in _quiz().values()]
    assert len(kinds) >= 6 and kinds.count("number") >= 2 and kinds.count("expression") >= 2


def test_quiz_keys_match_what_the_references_do() -> None:
    quiz = _quiz()
    momentum, adagrad, adam = _ref("momentum"), _ref("adagrad"), _ref("adam")
    g = np.array([3.7])
    # Momentum under a constant gradient: v -> -lr g / (1 - beta).
    state, theta = momentum.init_state(g), np.zeros(1)
    for _ in range(400):
        theta, state = momentum.momentum_step(theta, g, state, lr=0.01, momentum=0.9)
    assert check_answer(quiz["momentum-effective-step"], "1/(1-beta)").correct
    assert np.isclose(state["velocity"][0], -0.01 * 3.7 / (1 - 0.9))
    # Adagrad after k equal gradients: S = k g^2 and the k-th step is lr / sqrt(k).
    state, theta = adagrad.init_state(g), np.zeros(1)
    for _ in range(9):
        before = theta
        theta, state = adagrad.adagrad_step(theta, g, state, lr=0.1, eps=0.0)
    assert np.isclose(state["s"][0], 9 * 3.7 ** 2) and np.isclose(before[0] - theta[0], 0.1 / 3)
    assert check_answer(quiz["adagrad-accumulator"], "g^2*k").correct
    assert check_answer(quiz["adagrad-step-size"], "alpha*k^(-1/2)").correct
    # Adam: the first step has length lr whatever g; without correction it is (1-b1)/sqrt(1-b2) times longer.
    theta, state = adam.adam_step(np.zeros(1), g, adam.init_state(g), lr=0.001, eps=0.0)
    assert np.isclose(-theta[0], quiz["adam-first-step"].answer)
    assert check_answer(quiz["adam-first-step"], "1e-3").correct
    wrong = _load(SOLUTIONS / "wrong" / "adam" / "no_bias_correction.py", "adam_no_bias")
    theta, _ = wrong.adam_step(np.zeros(1), g, wrong.init_state(g), lr=0.001, eps=0.0)
    assert np.isclose(-theta[0] / 0.001, 0.1 / np.sqrt(0.001))
    assert check_answer(quiz["adam-no-bias-correction"], "(1-beta1)*(1-beta2)^(-1/2)").correct
    # The bias-correction factor at t = 1 and the default beta2.
    state = adam.adam_step(np.zeros(1), g, adam.init_state(g))[1]
    assert np.isclose(g[0] / state["m"][0], quiz["adam-bias-correction-t1"].answer)
    assert adam.adam_step.__defaults__[2] == quiz["adam-default-beta2"].answer
    # The averaged-form learning rate: alpha (1 - beta), and not the reciprocal.
    assert check_answer(quiz["momentum-learning-rate-map"], "alpha - alpha*beta").correct
    assert not check_answer(quiz["momentum-learning-rate-map"], "alpha/(1-beta)").correct


# --- grading: references pass, starters fail, every misconception fails and is named ----------------------

@pytest.fixture(scope="module")
def course():
    return load_course()


@pytest.fixture(scope="module")
def pool(course):
    pool = ZygotePool(default_hidden(course.roots, None))
    yield pool
    pool.close()


@pytest.mark.parametrize("name", EXERCISES)
def test_reference_passes_and_starter_fails(course, pool, name: str) -> None:
    exercise = course.exercise(f"optimizers/{name}")
    result = grade(exercise, exercise.solution, pool=pool, device="cpu", detect_misconceptions=False)
    assert result.status == "passed", [(c.title, c.message) for c in result.checks]
    assert result.artifacts["trajectory"]["learner"] == result.artifacts["trajectory"]["reference"]
    assert {r["function"] for r in result.artifacts["trajectories"]} == {"quadratic-bowl", "ill-conditioned",
                                                                         "rosenbrock"}
    starter = grade(exercise, exercise.starter, pool=pool, device="cpu", detect_misconceptions=False)
    assert starter.status == "failed" and starter.score == 0.0


def _misconceptions() -> list:
    """Every variant of every optimizer; the first of each exercise in `make test-fast`, the others are many grades
    for one point (`tutor lesson check` proves the same for every lesson) and run in `make test`."""
    course = load_course()
    return [pytest.param(name, m.id, id=f"{name}-{m.id}", marks=[pytest.mark.heavy] if n else [])
            for name in EXERCISES for n, m in enumerate(course.exercise(f"optimizers/{name}").spec.misconceptions)]


@pytest.mark.parametrize(("name", "misconception"), _misconceptions())
def test_misconception_variant_fails_and_is_named(course, pool, name: str, misconception: str) -> None:
    exercise = course.exercise(f"optimizers/{name}")
    m = next(m for m in exercise.spec.misconceptions if m.id == misconception)
    result = grade(exercise, exercise.misconception_file(m), pool=pool, device="cpu")
    assert result.status == "failed"
    assert result.misconception is not None and result.misconception.id == misconception
    assert result.misconception.hint == m.hint.en
    failed = [c for c in result.checks if c.status == "failed"]
    assert failed and all(c.message for c in failed)


def test_trajectory_failure_names_the_step_and_the_band(course, pool) -> None:
    exercise = course.exercise("optimizers/nesterov")
    m = next(m for m in exercise.spec.misconceptions if m.id == "no-lookahead")
    result = grade(exercise, exercise.misconception_file(m), pool=pool, device="cpu", detect_misconceptions=False)
    bowl = next(c for c in result.checks if c.id == "bowl")
    # The velocity starts at zero, so plain momentum agrees for one step and parts at step 2.
    assert "first differs at step 2" in bowl.message and "relative error" in bowl.message
    assert result.artifacts["trajectory"]["diverged_at"] == 2
    spanish = grade(exercise, exercise.misconception_file(m), pool=pool, device="cpu", lang="es",
                    detect_misconceptions=False)
    assert "difiere por primera vez en el paso 2" in next(c for c in spanish.checks if c.id == "bowl").message


# --- verdicts on code written the way learners write it (tests/realistic/optimizers) ----------------------------

REALISTIC = ROOT / "tests" / "realistic" / "optimizers"


def test_extra_state_keys_pass_and_are_noted_once(course, pool) -> None:
    result = grade(course.exercise("optimizers/adam"), REALISTIC / "adam" / "ok_extra_keys.py", pool=pool,
                   device="cpu")
    assert result.status == "passed"
    init = next(c for c in result.checks if c.id == "init_state")
    assert "m_hat" in init.message and init.message.count("Note:") == 1


def test_a_hard_coded_momentum_is_named_by_the_argument_it_ignores(course, pool) -> None:
    result = grade(course.exercise("optimizers/momentum"), REALISTIC / "momentum" / "bug_hard_coded_momentum.py",
                   pool=pool, device="cpu")
    arguments = next(c for c in result.checks if c.id == "arguments")
    assert arguments.status == "failed" and "`momentum`" in arguments.message and "`lr`" not in arguments.message
    assert result.misconception is not None and result.misconception.id == "hard-coded-momentum"


@pytest.mark.heavy  # three learner-style files graded in full: the corpus runs in `make test`
def test_adam_formula_mistakes_are_not_blamed_on_the_defaults(course, pool) -> None:
    for name, misconception in (("bug_keras_epsilon_hat.py", "keras-epsilon-hat"),
                                ("bug_eps_inside_root.py", "eps-inside-root")):
        result = grade(course.exercise("optimizers/adam"), REALISTIC / "adam" / name, pool=pool, device="cpu")
        assert next(c for c in result.checks if c.id == "defaults").status == "passed", name
        assert result.misconception is not None and result.misconception.id == misconception
        # Small differences on a smooth bowl are read against the tolerance, never as ReLU kinks.
        assert all("ReLU" not in c.message for c in result.checks)


def test_a_velocity_of_the_opposite_sign_fails_only_where_the_state_is_read_and_says_so(course, pool) -> None:
    result = grade(course.exercise("optimizers/momentum"), REALISTIC / "momentum" / "bug_opposite_sign_velocity.py",
                   pool=pool, device="cpu")
    failed = [c for c in result.checks if c.status == "failed"]
    assert [c.id for c in failed] == ["one_step"]
    assert "opposite sign" in failed[0].message
    assert result.misconception is not None and result.misconception.id == "velocity-opposite-sign"
