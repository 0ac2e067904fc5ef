"""Lesson `gradient-descent`: the reference math is right (gradients equal numerical gradients, mini-batches
cover every example once per epoch, the checker reads right and wrong gradients as such), the known-wrong
variants make exactly their mistake, the quiz keys are sound, and every misconception is recognised."""
from __future__ import annotations

import importlib.util
import math
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from tutor.core.answers import check_answer
from tutor.core.course import load_course

ROOT = Path(__file__).resolve().parents[2]
SOLUTIONS = ROOT / "solutions" / "02-gradient-descent"


def _load(rel: str) -> ModuleType:
    path = SOLUTIONS / rel
    spec = importlib.util.spec_from_file_location(f"gd_{path.stem}_{abs(hash(rel))}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SOFTMAX = _load("softmax_regression.py")
MINIBATCH = _load("minibatch.py")
CHECK = _load("gradient_check.py")


def _mean_ce(x: np.ndarray, y: np.ndarray, W: np.ndarray, b: np.ndarray) -> float:
    # Written apart from the reference, with log-sum-exp, so the two can check each other.
    z = x @ W + b
    z = z - z.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return float(-logp[np.arange(len(y)), y].mean())


def _problem(seed: int, n: int = 9, d: int = 6, k: int = 4) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    return (rng.normal(size=(n, d)), rng.integers(0, k, size=n), rng.normal(scale=0.5, size=(d, k)),
            rng.normal(scale=0.5, size=k))


def _rel(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-12)))


# --- softmax regression --------------------------------------------------------------------------------

def test_softmax_rows_are_probabilities_and_stay_finite_for_large_scores() -> None:
    z = np.random.default_rng(0).normal(scale=4.0, size=(6, 5))
    p = SOFTMAX.softmax(z)
    assert np.all(p > 0) and np.allclose(p.sum(axis=1), 1.0)
    assert np.allclose(SOFTMAX.softmax(z + 1000.0), p)  # a constant shift changes nothing
    big = SOFTMAX.softmax(np.array([[1000.0, 1001.0, 1002.0]]))
    assert np.all(np.isfinite(big))
    e = np.exp([0.0, 1.0, 2.0])
    assert np.allclose(big, e / e.sum())


def test_cross_entropy_of_uniform_probabilities_is_log_k() -> None:
    probs = np.full((5, 10), 0.1)
    assert SOFTMAX.cross_entropy(probs, np.arange(5)) == pytest.approx(math.log(10))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_reference_gradient_equals_the_numerical_gradient(seed: int) -> None:
    x, y, W, b = _problem(seed)
    dW, db = SOFTMAX.gradients(x, y, W.copy(), b.copy())
    h = 1e-5
    num_W, num_b = np.zeros_like(W), np.zeros_like(b)
    for arr, out in ((W, num_W), (b, num_b)):
        for i in np.ndindex(arr.shape):
            old = arr[i]
            arr[i] = old + h
            plus = _mean_ce(x, y, W, b)
            arr[i] = old - h
            minus = _mean_ce(x, y, W, b)
            arr[i] = old
            out[i] = (plus - minus) / (2 * h)
    assert _rel(dW, num_W) < 1e-7 and _rel(db, num_b) < 1e-7


def test_batch_gradient_descent_starts_at_log_k_and_lowers_the_loss_every_epoch() -> None:
    x, y, _, _ = _problem(4, n=40, d=5, k=3)
    W, b, losses = SOFTMAX.train(0.5 * x, y, 0.5, 30, 3)
    assert W.shape == (5, 3) and b.shape == (3,) and len(losses) == 30
    assert losses[0] == pytest.approx(math.log(3))  # zeros give uniform probabilities
    assert all(later < earlier for earlier, later in zip(losses, losses[1:]))
    assert np.mean(SOFTMAX.predict(W, b, 0.5 * x) == y) > 0.5


def test_no_mean_variant_is_n_times_the_gradient() -> None:
    wrong = _load("wrong/softmax_regression/no_mean.py")
    x, y, W, b = _problem(5, n=7)
    for got, want in zip(wrong.gradients(x, y, W, b), SOFTMAX.gradients(x, y, W, b)):
        assert np.allclose(got, 7 * want)


# --- mini-batches --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("n", "b"), [(100, 32), (64, 16), (10, 1), (7, 10), (60000, 128)])
def test_minibatches_cover_every_index_once_in_ceil_n_over_b_batches(n: int, b: int) -> None:
    batches = list(MINIBATCH.minibatches(n, b, np.random.default_rng(0)))
    assert len(batches) == math.ceil(n / b)
    assert all(len(batch) == b for batch in batches[:-1]) and 1 <= len(batches[-1]) <= b
    assert np.array_equal(np.sort(np.concatenate(batches)), np.arange(n))


def test_sixty_thousand_examples_in_batches_of_128_make_469_updates() -> None:
    batches = list(MINIBATCH.minibatches(60000, 128, 0))
    assert len(batches) == 469 and len(batches[-1]) == 96


def test_each_epoch_gets_a_new_order_from_the_same_generator() -> None:
    rng = np.random.default_rng(1)
    first = np.concatenate(list(MINIBATCH.minibatches(50, 8, rng)))
    second = np.concatenate(list(MINIBATCH.minibatches(50, 8, rng)))
    assert not np.array_equal(first, second) and not np.array_equal(first, np.arange(50))
    again = np.concatenate(list(MINIBATCH.minibatches(50, 8, np.random.default_rng(1))))
    assert np.array_equal(first, again)  # the seed fixes the order


def test_train_minibatch_makes_ceil_n_over_b_updates_per_epoch_and_sgd_makes_n() -> None:
    x, y, _, _ = _problem(6, n=50, d=5, k=3)
    _, _, losses = MINIBATCH.train_minibatch(x, y, 0.1, 3, 16, 0, 3)
    assert len(losses) == 3 * math.ceil(50 / 16)
    _, _, losses = MINIBATCH.train_minibatch(x, y, 0.1, 2, 1, 0, 3)
    assert len(losses) == 2 * 50


def test_one_batch_of_everything_is_batch_gradient_descent() -> None:
    x, y, _, _ = _problem(7, n=30, d=5, k=3)
    W, b, losses = MINIBATCH.train_minibatch(x, y, 0.5, 10, 30, 0, 3)
    want_W, want_b, want_losses = SOFTMAX.train(x, y, 0.5, 10, 3)
    assert np.allclose(W, want_W, rtol=1e-10, atol=1e-12) and np.allclose(b, want_b, rtol=1e-10, atol=1e-12)
    assert np.allclose(losses, want_losses, rtol=1e-10)


def test_loss_and_gradients_agree_with_softmax_regression() -> None:
    x, y, W, b = _problem(8)
    loss, dW, db = MINIBATCH.loss_and_gradients(x, y, W.copy(), b.copy())
    want_dW, want_db = SOFTMAX.gradients(x, y, W, b)
    assert loss == pytest.approx(_mean_ce(x, y, W, b), rel=1e-12)
    assert np.allclose(dW, want_dW) and np.allclose(db, want_db)


def test_minibatch_variants_make_their_mistake() -> None:
    in_order = list(_load("wrong/minibatch/no_shuffle.py").minibatches(20, 8, 0))
    assert np.array_equal(np.concatenate(in_order), np.arange(20))
    dropped = list(_load("wrong/minibatch/drop_last.py").minibatches(20, 8, 0))
    assert len(dropped) == 2 and sum(len(batch) for batch in dropped) == 16


# --- gradient checking ---------------------------------------------------------------------------------

def test_numerical_gradient_is_centred_and_leaves_x_alone() -> None:
    x = np.random.default_rng(9).uniform(0.3, 1.5, size=(3, 4))  # gradients far from 0
    before = x.copy()
    num = CHECK.numerical_gradient(lambda v: float(np.sum(np.sin(v) * v**2)), x)
    exact = np.cos(x) * x**2 + 2 * x * np.sin(x)
    assert num.shape == x.shape and _rel(num, exact) < 1e-8
    assert np.array_equal(x, before)
    # For x**3 the centred error is exactly h**2 per entry.
    v = np.array([0.5, -1.0, 2.0])
    assert np.allclose(CHECK.numerical_gradient(lambda u: float(np.sum(u**3)), v, 1e-2) - 3 * v**2, 1e-4)


def test_gradient_check_reads_right_and_wrong_gradients() -> None:
    x, y, W, b = _problem(10)
    f = lambda w: _mean_ce(x, y, w.reshape(W.shape), b)  # noqa: E731
    right = lambda w: SOFTMAX.gradients(x, y, w.reshape(W.shape), b)[0].ravel()  # noqa: E731
    wrong = lambda w: 9 * SOFTMAX.gradients(x, y, w.reshape(W.shape), b)[0].ravel()  # noqa: E731
    assert CHECK.gradient_check(f, right, W.ravel()) < 1e-7
    assert CHECK.gradient_check(f, wrong, W.ravel()) > 1e-2
    assert CHECK.relative_error(np.zeros(3), np.zeros(3)) == 0.0


def test_gradient_check_variants_are_far_less_exact() -> None:
    rng = np.random.default_rng(11)
    x, A = rng.uniform(-1, 1, size=(3, 4)), rng.normal(size=(4, 2))
    # Not a sum of separate terms: an entry left at x - h then shifts the derivatives of the others.
    f = lambda v: float(np.sum(np.tanh(v @ A)))  # noqa: E731
    exact = (1 - np.tanh(x @ A) ** 2) @ A.T
    assert _rel(CHECK.numerical_gradient(f, x), exact) < 1e-8
    for name in ("forward_difference", "no_restore"):
        variant = _load(f"wrong/gradient_check/{name}.py")
        assert _rel(variant.numerical_gradient(f, x), exact) > 1e-7, name


# --- the lesson ----------------------------------------------------------------------------------------

def _lesson():
    lesson = load_course().lesson("gradient-descent")
    assert not lesson.broken, lesson.error
    return lesson


def test_quiz_keys_accept_the_right_answers() -> None:
    quiz = {q.id: q for q in _lesson().manifest.quiz}
    assert len(quiz) >= 6
    assert check_answer(quiz["updates-per-epoch"], "469").correct
    assert not check_answer(quiz["updates-per-epoch"], "468").correct
    assert check_answer(quiz["updates-per-epoch"], str(math.ceil(60000 / 128))).correct
    assert check_answer(quiz["which-variant"], 0).correct
    assert check_answer(quiz["sgd-batch-size"], "1").correct
    assert check_answer(quiz["softmax-gradient"], "-(y - p)").correct
    assert not check_answer(quiz["softmax-gradient"], "y - p").correct
    assert check_answer(quiz["gradient-shape"], "(784, 10)").correct
    assert check_answer(quiz["trade-off"], [0, 1, 3]).correct


def test_lesson_quotes_the_trade_in_both_languages() -> None:
    lesson = _lesson()
    en, es = (lesson.text_path(lang).read_text(encoding="utf-8") for lang in ("en", "es"))
    assert "469" in en and "469" in es
    assert "se cambia la certeza de la mejora segura" in es.lower()
    assert "sure decrease" in en.lower() or "sure improvement" in en.lower()


@pytest.mark.slow
@pytest.mark.parametrize(("exercise_id", "misconception"), [
    ("gradient-descent/softmax-regression", "no-mean"),
    ("gradient-descent/minibatch", "no-shuffle"),
    ("gradient-descent/minibatch", "drop-last"),
    ("gradient-descent/gradient-check", "forward-difference"),
    ("gradient-descent/gradient-check", "no-restore"),
])
def test_misconception_is_recognised(exercise_id: str, misconception: str) -> None:
    from tutor.grading import grade

    exercise = load_course().exercise(exercise_id)
    (m,) = [m for m in exercise.spec.misconceptions if m.id == misconception]
    result = grade(exercise, exercise.misconception_file(m), device="cpu")
    assert result.status == "failed"
    assert result.misconception is not None and result.misconception.id == misconception
