"""Grader for training-practice/warmup-cosine: cosine decay and warm-up against the reference on hidden settings.

Each check first records the schedule's curve (learner and reference) in the "curves" artifact for the TUI.
"""
from __future__ import annotations

import numpy as np
import pytest

from _common import check_numbers, plain
from tutor.grading.checks import t

CURVE_LAST = 60
CURVE_ARGS = {"cosine_decay": (0.1, 40), "warmup_cosine": (0.1, 5, 40)}
CURVES: dict = {}
ADVICE = {
    "cosine_decay": ("the rate is alpha0 * ((1 - final_ratio) * (1 + cos(pi * t / decay_epochs)) / 2 + final_ratio) "
                     "with t = min(epoch, decay_epochs): after decay_epochs it stays at alpha0 * final_ratio",
                     "la tasa es alpha0 * ((1 - final_ratio) * (1 + cos(pi * t / decay_epochs)) / 2 + final_ratio) "
                     "con t = min(epoch, decay_epochs): después de decay_epochs se queda en alpha0 * final_ratio"),
    "warmup_cosine": ("before warmup_epochs the rate is alpha0 * epoch / warmup_epochs; after, the cosine runs on "
                      "epoch - warmup_epochs, so it starts at alpha0 when the warm-up ends",
                      "antes de warmup_epochs la tasa es alpha0 * epoch / warmup_epochs; después, el coseno corre "
                      "sobre epoch - warmup_epochs, así que empieza en alpha0 al terminar el calentamiento"),
}


def _record(name: str, submission, reference, record) -> None:
    epochs = np.arange(CURVE_LAST + 1)
    args = CURVE_ARGS[name]
    try:
        learner = plain(getattr(submission, name)(*args, epochs))
    except AssertionError:
        learner = None
    CURVES[name] = {"reference": plain(getattr(reference, name)(*args, epochs)), "learner": learner}
    record.artifact("curves", CURVES)


def _cases(name: str, rng: np.random.Generator, final: bool) -> list[tuple]:
    out = []
    for _ in range(6):
        alpha0, decay = float(10 ** rng.uniform(-3, -0.5)), int(rng.integers(5, 80))
        ratio = float(rng.uniform(0.01, 0.3)) if final else 0.0
        if name == "cosine_decay":
            hyper = (alpha0, decay)
            last = decay
        else:
            warm = int(rng.integers(2, 12))
            hyper = (alpha0, warm, decay)
            last = warm + decay
        epochs = [0, 1, last - 1, last, last + 1, last + int(rng.integers(2, 100))] + \
            [int(e) for e in rng.integers(0, last, size=4)]
        if name == "warmup_cosine":
            epochs += [hyper[1] - 1, hyper[1], hyper[1] + 1]
        out += [(hyper, e, ratio) for e in epochs]
    return out


def _check(name: str, submission, reference, seed: int, final: bool) -> None:
    advice_en, advice_es = ADVICE[name]
    for hyper, epoch, ratio in _cases(name, np.random.default_rng(seed), final):
        args = hyper + (epoch,)
        kwargs = {"final_ratio": ratio} if final else {}
        call = f"{name}({', '.join(f'{a:.6g}' if isinstance(a, float) else str(a) for a in args)}" + \
            (f", final_ratio={ratio:.3g})" if final else ")")
        check_numbers(getattr(submission, name)(*args, **kwargs), getattr(reference, name)(*args, **kwargs),
                      what=call, advice_en=advice_en, advice_es=advice_es, rtol=1e-9)


@pytest.mark.points(3)
@pytest.mark.title(en="Cosine decay, before and after its end", es="Degradación coseno, antes y después de su final")
def test_cosine_decay(submission, reference, record):
    _record("cosine_decay", submission, reference, record)
    _check("cosine_decay", submission, reference, 801, final=False)


@pytest.mark.points(3)
@pytest.mark.title(en="Warm-up, then cosine decay", es="Calentamiento y luego degradación coseno")
def test_warmup_cosine(submission, reference, record):
    _record("warmup_cosine", submission, reference, record)
    _check("warmup_cosine", submission, reference, 802, final=False)


@pytest.mark.points(2)
@pytest.mark.title(en="A final rate above zero (final_ratio)", es="Una tasa final mayor que cero (final_ratio)")
def test_final_ratio(submission, reference):
    _check("cosine_decay", submission, reference, 803, final=True)
    _check("warmup_cosine", submission, reference, 804, final=True)


@pytest.mark.points(2)
@pytest.mark.title(en="Arrays of epochs", es="Arreglos de épocas")
def test_arrays(submission, reference):
    rng = np.random.default_rng(805)
    for epochs in (np.arange(0, 120), rng.integers(0, 150, size=(3, 7))):
        for name, args in (("cosine_decay", (0.05, 30)), ("warmup_cosine", (0.05, 6, 30))):
            got = getattr(submission, name)(*args, epochs)
            what = f"{name}{args[:-1] + (args[-1],)} " + t(f"on an array of shape {epochs.shape}",
                                                          f"sobre un arreglo de forma {epochs.shape}")
            try:
                check_numbers(got, getattr(reference, name)(*args, epochs), what=what,
                              advice_en="with arrays, use element-wise NumPy (np.minimum, np.cos, np.where), not "
                                        "min(), math.cos or if",
                              advice_es="con arreglos, usa NumPy elemento a elemento (np.minimum, np.cos, "
                                        "np.where), no min(), math.cos ni if", rtol=1e-9)
            except AssertionError as exc:
                if not _same_as_one_by_one(submission, name, args, epochs, got):
                    raise
                raise AssertionError(t(
                    f"{what}: your array holds the same rates your function gives one epoch at a time, so arrays "
                    "are handled well; the rates themselves differ: see the checks above",
                    f"{what}: tu arreglo tiene las mismas tasas que tu función da época por época, así que los "
                    "arreglos se manejan bien; las tasas mismas difieren: mira las comprobaciones anteriores")) \
                    from exc


def _same_as_one_by_one(submission, name: str, args: tuple, epochs: np.ndarray, got) -> bool:
    """Whether the learner's array result equals its own single-epoch results (then the formula is to blame)."""
    try:
        single = np.array([float(getattr(submission, name)(*args, int(e))) for e in epochs.ravel()])
        arr = np.asarray(got, dtype=np.float64)
    except (AssertionError, TypeError, ValueError):
        return False
    return arr.shape == epochs.shape and np.allclose(arr.ravel(), single, rtol=1e-12, atol=0.0)
