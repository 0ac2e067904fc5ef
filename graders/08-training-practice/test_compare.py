"""Grader for training-practice/compare: the learner's loss_curve drives the five optimizers of lesson 04 (run
here, trusted, and handed over as callbacks) on one ill-conditioned bowl; the five curves go to the "curves"
artifact, and steps_to_reach and fastest are checked on them."""
from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from _common import check_numbers, plain
from _problems import STEPS, THETA0, curves, grad_fn, loss_fn, optimizers
from tutor.grading.checks import t


@pytest.mark.points(5)
@pytest.mark.title(en="Five optimizers' loss curves on one problem", es="Las curvas de pérdida de cinco optimizadores en un problema")
def test_loss_curve(submission, reference, record):
    want = curves(reference)
    got: dict[str, Any] = {}
    for name, (step, state) in optimizers().items():
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
    drawn = curves(reference)
    cases = [(drawn["adam"], 1.0), (drawn["momentum"], 1e-3), ([3.0, 2.0, 1.0], 3.0), ([3.0, 2.0, 1.0], 0.5),
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
    drawn = curves(reference)
    cases = [(drawn, 1.0), (drawn, 1e-2), (drawn, 1e-6), (drawn, -1.0),
             ({"b": [2.0, 1.0], "a": [2.0, 1.0], "c": [2.0, 3.0]}, 1.0),
             ({"slow": [2.0, 1.5, 0.5], "start": [0.8, 0.7]}, 1.0)]  # 0 steps is a count too, not "not reached"
    for given, target in cases:
        want, got = reference.fastest(given, target), submission.fastest(given, target)
        assert got == want, t(
            f"fastest(<curves of {', '.join(sorted(given))}>, {target:g}) returned {got!r}, expected {want!r}: the "
            "name with the fewest steps to reach the target, the first in alphabetical order on a tie, None when "
            "no curve reaches it",
            f"fastest(<curvas de {', '.join(sorted(given))}>, {target:g}) devolvió {got!r}, se esperaba {want!r}: "
            "el nombre con menos pasos hasta el objetivo, el primero en orden alfabético si empatan, None si "
            "ninguna curva lo alcanza")
