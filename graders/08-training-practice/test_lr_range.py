"""Grader for training-practice/lr-range: log-spaced rates, the range test's losses, and the suggested rate.

The range test's curve (loss against log10 of the rate, learner and reference) goes to the "curves" artifact.
"""
from __future__ import annotations

import numpy as np
import pytest

from _common import check_numbers, plain
from _problems import range_data
from tutor.grading.checks import t


@pytest.mark.points(3)
@pytest.mark.title(en="Rates evenly spaced on a log scale", es="Tasas igualmente espaciadas en escala logarítmica")
def test_lr_range(submission, reference):
    for lo, hi, n in ((1e-3, 1e1, 5), (1e-5, 1.0, 26), (3e-4, 30.0, 61)):
        got = submission.lr_range(lo, hi, n)
        advice_en = ("each rate is the previous one times the same factor (lr_max / lr_min) ** (1 / (steps - 1)), "
                     "as np.geomspace or np.logspace give; np.linspace puts almost every rate near lr_max")
        advice_es = ("cada tasa es la anterior por el mismo factor (lr_max / lr_min) ** (1 / (steps - 1)), como "
                     "dan np.geomspace o np.logspace; np.linspace pone casi todas las tasas cerca de lr_max")
        if _is_logspace_of_rates(got, lo, hi, n):
            advice_en = (f"np.logspace takes the exponents, not the rates: np.logspace({lo:g}, {hi:g}, {n}) runs from "
                         f"10**{lo:g} to 10**{hi:g}. Pass np.log10(lr_min) and np.log10(lr_max), or use "
                         "np.geomspace(lr_min, lr_max, steps)")
            advice_es = (f"np.logspace recibe los exponentes, no las tasas: np.logspace({lo:g}, {hi:g}, {n}) va de "
                         f"10**{lo:g} a 10**{hi:g}. Pasa np.log10(lr_min) y np.log10(lr_max), o usa "
                         "np.geomspace(lr_min, lr_max, steps)")
        check_numbers(got, reference.lr_range(lo, hi, n), what=f"lr_range({lo:g}, {hi:g}, {n})",
                      advice_en=advice_en, advice_es=advice_es, rtol=1e-9)


def _is_logspace_of_rates(got, lo: float, hi: float, n: int) -> bool:
    try:
        arr = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    return arr.shape == (n,) and np.allclose(arr, np.logspace(lo, hi, n), rtol=1e-9)


@pytest.mark.points(3)
@pytest.mark.title(en="The range test's losses", es="Las pérdidas de la prueba de rango")
def test_range_test(submission, reference, record):
    x, y = range_data()
    lrs = reference.lr_range(1e-3, 1e3, 61)
    want = reference.range_test(x, y, 4, lrs)
    got = submission.range_test(x, y, 4, lrs)
    logs = np.log10(lrs)

    def pairs(losses):
        values = plain(losses) or []
        return [[float(a), b] for a, b in zip(logs, values) if b is not None]

    record.artifact("curves", {"learner": pairs(got), "reference": pairs(want)})
    check_numbers(got, want, what=t("range_test on 200 examples, 61 rates from 1e-3 to 1e3",
                                    "range_test sobre 200 ejemplos, 61 tasas de 1e-3 a 1e3"),
                  advice_en="one model from zeros for the whole test: for each rate in order, record the loss, then "
                            "take one step with that rate",
                  advice_es="un solo modelo desde ceros para toda la prueba: para cada tasa en orden, registra la "
                            "pérdida y luego da un paso con esa tasa", rtol=1e-6)


@pytest.mark.points(2)
@pytest.mark.title(en="The suggested rate", es="La tasa sugerida")
def test_suggest_lr(submission, reference):
    x, y = range_data()
    lrs = reference.lr_range(1e-3, 1e3, 61)
    cases = [(lrs, reference.range_test(x, y, 4, lrs))]
    rng = np.random.default_rng(822)
    for _ in range(3):
        rates = reference.lr_range(1e-4, 10.0, 30)
        losses = list(np.abs(np.cumsum(rng.normal(size=30))) + 0.1)
        losses[-1] = float("inf")  # a blown-up loss is never the lowest
        cases.append((rates, losses))
    nan_tail = list(cases[-1][1])
    nan_tail[-1] = float("nan")  # inf - inf inside the softmax: a blown-up loss can be NaN too, never the lowest
    cases.append((cases[-1][0], nan_tail))
    for rates, losses in cases:
        check_numbers(submission.suggest_lr(rates, losses), reference.suggest_lr(rates, losses),
                      what=t(f"suggest_lr on {len(rates)} rates", f"suggest_lr sobre {len(rates)} tasas"),
                      advice_en="take the rate at the lowest finite loss and divide it by 10: at the lowest loss the "
                                "rate is already about to make the loss blow up",
                      advice_es="toma la tasa de la menor pérdida finita y divídela por 10: en la menor pérdida la "
                                "tasa ya está por hacer estallar la pérdida", rtol=1e-9)
