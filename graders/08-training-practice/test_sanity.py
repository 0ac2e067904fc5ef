"""Grader for training-practice/sanity: the expected initial loss, a stable cross-entropy, the initial-loss check,
and overfitting one small batch, each against the reference."""
from __future__ import annotations

import numpy as np
import pytest

from _common import check_numbers, plain
from tutor.grading.checks import t


def _batch(seed: int, n: int = 16, d: int = 40, k: int = 10) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, d)), rng.integers(0, k, size=n)


@pytest.mark.points(2)
@pytest.mark.title(en="The expected initial loss", es="La pérdida inicial esperada")
def test_expected_initial_loss(submission, reference):
    for k in (2, 3, 10, 100, 1000):
        check_numbers(submission.expected_initial_loss(k), reference.expected_initial_loss(k),
                      what=f"expected_initial_loss({k})",
                      advice_en="every class has probability 1/k, so the cross-entropy is -ln(1/k) = ln k, the "
                                "natural log: np.log (ln 10 ≈ 2.30)",
                      advice_es="cada clase tiene probabilidad 1/k, así que la entropía cruzada es -ln(1/k) = ln k, "
                                "con el logaritmo natural: np.log (ln 10 ≈ 2.30)")


@pytest.mark.points(2)
@pytest.mark.title(en="A cross-entropy that stays finite", es="Una entropía cruzada que sigue finita")
def test_cross_entropy(submission, reference):
    rng = np.random.default_rng(811)
    cases = [rng.normal(size=(8, 10)), rng.normal(scale=0.01, size=(5, 3)),
             np.array([[1000.0, 1001.0, 1002.0], [-1000.0, 0.0, 1000.0]])]
    for logits in cases:
        y = rng.integers(0, logits.shape[1], size=len(logits))
        check_numbers(submission.cross_entropy(logits, y), reference.cross_entropy(logits, y),
                      what=t(f"cross_entropy on logits of shape {logits.shape}",
                             f"cross_entropy sobre logits de forma {logits.shape}"),
                      advice_en="subtract each row's maximum, take log_softmax = z - log(sum(exp(z))) and average "
                                "-log_softmax[i, y[i]] over the rows",
                      advice_es="resta el máximo de cada fila, calcula log_softmax = z - log(sum(exp(z))) y promedia "
                                "-log_softmax[i, y[i]] sobre las filas")


@pytest.mark.points(2)
@pytest.mark.title(en="Is the initial loss right?", es="¿La pérdida inicial es correcta?")
def test_initial_loss_ok(submission, reference):
    rng = np.random.default_rng(812)
    for scale, k in ((0.01, 10), (0.01, 4), (3.0, 10), (0.3, 10), (0.01, 100)):
        logits = rng.normal(scale=scale, size=(64, k))
        y = rng.integers(0, k, size=64)
        _judge_initial_loss_ok(submission, reference, logits, y, k, t(f"logits of scale {scale}",
                                                                      f"logits de escala {scale}"))
    # The true class lifted so that the loss sits 0.4 below ln k: outside the absolute tolerance 0.25, inside a
    # relative one (0.4 / ln k <= 0.25 for k >= 5).
    for k in (10, 100):
        y = rng.integers(0, k, size=64)
        logits = np.zeros((64, k))
        logits[np.arange(64), y] = -np.log((np.exp(np.log(k) - 0.4) - 1) / (k - 1))
        _judge_initial_loss_ok(submission, reference, logits, y, k, t("a loss 0.4 below ln k",
                                                                      "una pérdida 0.4 por debajo de ln k"))


def _judge_initial_loss_ok(submission, reference, logits: np.ndarray, y: np.ndarray, k: int, case: str) -> None:
    want = bool(reference.initial_loss_ok(logits, y, k))
    got = submission.initial_loss_ok(logits, y, k)
    if bool(got) == want:
        return
    loss, expected = reference.cross_entropy(logits, y), reference.expected_initial_loss(k)
    why = ""
    if got and abs(loss - expected) > 0.25 and abs(loss - expected) / expected <= 0.25:
        why = t(f"; |loss - expected| = {abs(loss - expected):.3f} is more than the tolerance 0.25: the tolerance is "
                "an absolute distance, not a fraction of the expected loss",
                f"; |pérdida - esperada| = {abs(loss - expected):.3f} supera la tolerancia 0.25: la tolerancia es "
                "una distancia absoluta, no una fracción de la pérdida esperada")
    else:
        try:
            mine = float(submission.expected_initial_loss(k)), float(submission.cross_entropy(logits, y))
        except (AssertionError, TypeError, ValueError):
            mine = None
        if mine is not None and not (np.isclose(mine[0], expected) and np.isclose(mine[1], loss)):
            why = t(f" (your expected_initial_loss({k}) gives {mine[0]:.3f} and your cross_entropy {mine[1]:.3f}: "
                    "see those checks)",
                    f" (tu expected_initial_loss({k}) da {mine[0]:.3f} y tu cross_entropy {mine[1]:.3f}: mira "
                    "esas comprobaciones)")
    raise AssertionError(t(
        f"initial_loss_ok on {k} classes with {case} returned {got}, expected {want}: the loss is {loss:.3f} and "
        f"the expected one {expected:.3f}{why}",
        f"initial_loss_ok con {k} clases y {case} devolvió {got}, se esperaba {want}: la pérdida es {loss:.3f} y la "
        f"esperada {expected:.3f}{why}"))


@pytest.mark.points(4)
@pytest.mark.title(en="Overfit one small batch", es="Sobreajustar un lote pequeño")
def test_overfit_batch(submission, reference, record):
    x, y = _batch(813)
    steps, lr = 150, 0.5
    want = reference.overfit_batch(x, y, 10, steps, lr)
    got = submission.overfit_batch(x, y, 10, steps, lr)
    record.artifact("curves", {"learner": plain(got), "reference": plain(want)})
    check_numbers(got, want, what=f"overfit_batch(x, y, 10, steps={steps}, lr={lr})",
                  advice_en="start from zeros (the first loss is then ln 10), record the loss before each step, "
                            "then W -= lr * x.T @ (p - onehot) / n and b -= lr * mean of (p - onehot)",
                  advice_es="empieza desde ceros (la primera pérdida es entonces ln 10), registra la pérdida antes "
                            "de cada paso, y luego W -= lr * x.T @ (p - onehot) / n y b -= lr * la media de "
                            "(p - onehot)", rtol=1e-6)
