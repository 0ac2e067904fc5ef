"""Grader for training-practice/compare: the learner's loss_curve drives the five optimizers of lesson 04 (run
here, trusted, and handed over as callbacks) on one ill-conditioned bowl; the five curves go to the "curves"
artifact, and steps_to_reach and fastest are checked on them."""
from __future__ import annotations

from typing import Any, Callable

import numpy as np
import pytest

from _common import check_numbers, plain
from tutor.grading.checks import t

SCALES = np.array([1.0, 25.0])  # one flat direction, one steep: where the optimizers differ
THETA0 = np.array([-4.0, 1.5])
STEPS = 60


def loss_fn(theta: Any) -> float:
    theta = np.asarray(theta, dtype=np.float64)
    return float(0.5 * np.sum(SCALES * theta ** 2))


def grad_fn(theta: Any) -> np.ndarray:
    return SCALES * np.asarray(theta, dtype=np.float64)


def _optimizers() -> dict[str, tuple[Callable, dict]]:
    """name -> (step(theta, grad, state) -> (theta, state), the state before the first step)."""

    def momentum(theta, grad, state, lr=0.03, m=0.8):
        v = m * np.asarray(state["v"]) - lr * np.asarray(grad)
        return np.asarray(theta) + v, {"v": v}

    def nesterov(theta, grad, state, lr=0.03, m=0.8):  # Keras's form: the gradient at theta, the look-ahead folded in
        v = m * np.asarray(state["v"]) - lr * np.asarray(grad)
        return np.asarray(theta) + m * v - lr * np.asarray(grad), {"v": v}

    def adagrad(theta, grad, state, lr=1.0, eps=1e-8):
        s = np.asarray(state["s"]) + np.asarray(grad) ** 2
        return np.asarray(theta) - lr * np.asarray(grad) / (np.sqrt(s) + eps), {"s": s}

    def rmsprop(theta, grad, state, lr=0.1, rho=0.9, eps=1e-7):
        s = rho * np.asarray(state["s"]) + (1 - rho) * np.asarray(grad) ** 2
        return np.asarray(theta) - lr * np.asarray(grad) / np.sqrt(s + eps), {"s": s}

    def adam(theta, grad, state, lr=0.3, b1=0.9, b2=0.999, eps=1e-8):
        step = int(state["t"]) + 1
        m = b1 * np.asarray(state["m"]) + (1 - b1) * np.asarray(grad)
        v = b2 * np.asarray(state["v"]) + (1 - b2) * np.asarray(grad) ** 2
        update = lr * (m / (1 - b1 ** step)) / (np.sqrt(v / (1 - b2 ** step)) + eps)
        return np.asarray(theta) - update, {"m": m, "v": v, "t": step}

    zeros = np.zeros_like(THETA0)
    return {"momentum": (momentum, {"v": zeros}), "nesterov": (nesterov, {"v": zeros}),
            "adagrad": (adagrad, {"s": zeros}), "rmsprop": (rmsprop, {"s": zeros}),
            "adam": (adam, {"m": zeros, "v": zeros, "t": 0})}


def _curves(module: Any) -> dict[str, Any]:
    return {name: module.loss_curve(step, dict(state), THETA0.copy(), loss_fn, grad_fn, STEPS)
            for name, (step, state) in _optimizers().items()}


@pytest.mark.points(5)
@pytest.mark.title(en="Five optimizers' loss curves on one problem", es="Las curvas de pérdida de cinco optimizadores en un problema")
def test_loss_curve(submission, reference, record):
    want = _curves(reference)
    got: dict[str, Any] = {}
    for name, (step, state) in _optimizers().items():
        got[name] = submission.loss_curve(step, dict(state), THETA0.copy(), loss_fn, grad_fn, STEPS)
        record.artifact("curves", {n: plain(c) for n, c in got.items()})
    for name in want:
        check_numbers(got[name], want[name], what=f"loss_curve ({name}, {STEPS} " + t("steps)", "pasos)"),
                      advice_en=f"the curve holds the loss at theta0 and after each step: {STEPS + 1} numbers, all "
                                "optimizers starting from the same loss; each step is theta, state = "
                                "step(theta, grad_fn(theta), state)",
                      advice_es=f"la curva tiene la pérdida en theta0 y después de cada paso: {STEPS + 1} números, "
                                "todos los optimizadores empiezan desde la misma pérdida; cada paso es theta, state = "
                                "step(theta, grad_fn(theta), state)", rtol=1e-7)


@pytest.mark.points(2)
@pytest.mark.title(en="Steps to reach a target loss", es="Pasos hasta una pérdida objetivo")
def test_steps_to_reach(submission, reference):
    curves = _curves(reference)
    cases = [(curves["adam"], 1.0), (curves["momentum"], 1e-3), ([3.0, 2.0, 1.0], 3.0), ([3.0, 2.0, 1.0], 0.5),
             ([5.0, 1.0, 4.0, 0.2], 1.0)]
    for losses, target in cases:
        want, got = reference.steps_to_reach(losses, target), submission.steps_to_reach(losses, target)
        assert got == want, t(
            f"steps_to_reach(<{len(losses)} losses from {losses[0]:.3g}>, {target:g}) returned {got!r}, expected "
            f"{want!r}: the first index whose loss is <= target (0 when the start already is), None when none is",
            f"steps_to_reach(<{len(losses)} pérdidas desde {losses[0]:.3g}>, {target:g}) devolvió {got!r}, se "
            f"esperaba {want!r}: el primer índice cuya pérdida es <= objetivo (0 si el inicio ya lo es), None si "
            "ninguno lo es")


@pytest.mark.points(3)
@pytest.mark.title(en="The fastest optimizer", es="El optimizador más rápido")
def test_fastest(submission, reference):
    curves = _curves(reference)
    cases = [(curves, 1.0), (curves, 1e-2), (curves, 1e-6), (curves, -1.0),
             ({"b": [2.0, 1.0], "a": [2.0, 1.0], "c": [2.0, 3.0]}, 1.0)]
    for given, target in cases:
        want, got = reference.fastest(given, target), submission.fastest(given, target)
        assert got == want, t(
            f"fastest(<curves of {', '.join(sorted(given))}>, {target:g}) returned {got!r}, expected {want!r}: the "
            "name with the fewest steps to reach the target, the first in alphabetical order on a tie, None when "
            "no curve reaches it",
            f"fastest(<curvas de {', '.join(sorted(given))}>, {target:g}) devolvió {got!r}, se esperaba {want!r}: "
            "el nombre con menos pasos hasta el objetivo, el primero en orden alfabético si empatan, None si "
            "ninguna curva lo alcanza")
