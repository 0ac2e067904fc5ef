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
        want = bool(reference.initial_loss_ok(logits, y, k))
        got = submission.initial_loss_ok(logits, y, k)
        assert bool(got) == want, t(
            f"initial_loss_ok on {k} classes with logits of scale {scale} returned {got}, expected {want}: the "
            f"loss is {reference.cross_entropy(logits, y):.3f} and the expected one "
            f"{reference.expected_initial_loss(k):.3f}",
            f"initial_loss_ok con {k} clases y logits de escala {scale} devolvió {got}, se esperaba {want}: la "
            f"pérdida es {reference.cross_entropy(logits, y):.3f} y la esperada {reference.expected_initial_loss(k):.3f}")


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
