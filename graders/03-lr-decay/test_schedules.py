"""Grader for lr-decay/schedules: each schedule against the reference on hidden hyper-parameters and epochs.

Every check first records the schedule's curve (learner and reference, epochs 0..CURVE_LAST) in the
"curves" artifact, so the TUI can plot both even when the values differ.
"""
from __future__ import annotations

import inspect
import math
from typing import Any, Callable

import numpy as np
import pytest

from tutor.grading.checks import check_array, t
from tutor.grading.proxy import SubmissionError

CASES = 8
CURVE_LAST = 60
# Plain, readable settings for the plotted curves (the hidden checks use random ones).
CURVE_PARAMS: dict[str, dict[str, float]] = {
    "inverse_time": {"alpha0": 0.1, "decay": 0.1},
    "exponential": {"alpha0": 0.1, "beta": 0.95},
    "inverse_sqrt": {"alpha0": 0.1, "k": 1.0},
    "step": {"alpha0": 0.1, "k": 2.0, "every": 10},
}
CURVE_TITLES = {
    "inverse_time": ("1/t decay", "Degradación 1/t"),
    "exponential": ("Exponential decay", "Degradación exponencial"),
    "inverse_sqrt": ("k/sqrt(epoch) decay", "Degradación k/sqrt(época)"),
    "step": ("Step decay", "Degradación por escalones"),
}
ADVICE = {
    "inverse_time": ("alpha0 / (1 + decay * epoch)", "alpha0 / (1 + decay * epoch)"),
    "exponential": ("alpha0 * beta ** epoch: the starting rate times beta once per epoch",
                    "alpha0 * beta ** epoch: la tasa inicial por beta una vez por época"),
    "inverse_sqrt": ("alpha0 * k / sqrt(epoch), with epoch 0 taking the rate of epoch 1 (np.maximum(epoch, 1))",
                     "alpha0 * k / sqrt(epoch), con la época 0 tomando la tasa de la época 1 (np.maximum(epoch, 1))"),
    "step": ("alpha0 / k ** (epoch // every): the rate stays flat for `every` epochs, then drops",
             "alpha0 / k ** (epoch // every): la tasa se mantiene `every` épocas y luego cae"),
}
CURVES: dict[str, Any] = {"epochs": list(range(CURVE_LAST + 1)), "schedules": {}}


def _hyper(name: str, rng: np.random.Generator) -> tuple[float, ...]:
    """Hidden hyper-parameters, in the order of the function's arguments before `epoch`."""
    alpha0 = float(10 ** rng.uniform(-3, -0.3))
    if name == "inverse_time":
        return alpha0, float(10 ** rng.uniform(-2, 0))
    if name == "exponential":
        return alpha0, float(rng.uniform(0.8, 0.999))
    if name == "inverse_sqrt":
        return alpha0, float(rng.uniform(0.3, 3.0))
    return alpha0, float(rng.choice([2.0, 3.0, 5.0, 10.0])), int(rng.integers(2, 16))


def _epochs(name: str, hyper: tuple[float, ...], rng: np.random.Generator) -> list[int]:
    epochs = [0, 1, 2] + [int(e) for e in rng.integers(3, 200, size=4)]
    if name == "step":  # both sides of the first two drops
        every = int(hyper[2])
        epochs += [every - 1, every, 2 * every - 1, 2 * every]
    return epochs


def _call_text(name: str, hyper: tuple[float, ...], epoch: Any) -> str:
    args = ", ".join(f"{h:.6g}" if isinstance(h, float) else str(h) for h in hyper)
    return f"{name}({args}, {epoch})"


def _plain(values: Any) -> list[float | None] | None:
    """A JSON-safe list: non-finite values become None."""
    try:
        arr = np.asarray(values, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        return None
    return [float(v) if math.isfinite(v) else None for v in arr]


def _learner_curve(fn: Callable[..., Any], params: tuple[float, ...], epochs: np.ndarray) -> list[float | None] | None:
    try:
        got = fn(*params, epochs)
        if np.shape(got) == epochs.shape:
            return _plain(got)
    except AssertionError:  # the learner's code raised; one epoch at a time may still work
        pass
    try:
        return _plain([fn(*params, int(e)) for e in epochs])
    except AssertionError:
        return None


def _record_curve(name: str, submission, reference, record) -> None:
    params = tuple(CURVE_PARAMS[name].values())
    epochs = np.arange(CURVE_LAST + 1)
    en, es = CURVE_TITLES[name]
    CURVES["schedules"][name] = {
        "title": {"en": en, "es": es},
        "params": dict(CURVE_PARAMS[name]),
        "reference": _plain(getattr(reference, name)(*params, epochs)),
        "learner": _learner_curve(getattr(submission, name), params, epochs),
    }
    record.artifact("curves", CURVES)


def _check_scalars(name: str, submission, reference, seed: int) -> None:
    rng = np.random.default_rng(seed)
    advice_en, advice_es = ADVICE[name]
    for _ in range(CASES):
        hyper = _hyper(name, rng)
        for epoch in _epochs(name, hyper, rng):
            want = getattr(reference, name)(*hyper, epoch)
            got = getattr(submission, name)(*hyper, epoch)
            call = _call_text(name, hyper, epoch)
            if isinstance(got, (int, float, np.generic)) and not math.isfinite(float(got)) \
                    and math.isfinite(float(want)):
                raise AssertionError(t(
                    f"{call} returned {got}; expected {float(want):.6g}. The rate is {advice_en}",
                    f"{call} devolvió {got}; se esperaba {float(want):.6g}. La tasa es {advice_es}"))
            try:
                check_array(got, want, what=call, rtol=1e-9, atol=0.0)
            except AssertionError as exc:
                ignored = _ignored_arguments(name, submission, reference, hyper, epoch)
                shifted = _shifted_epoch(name, submission, reference, hyper, epoch)
                raise AssertionError(f"{exc}. " + ignored + shifted + t(f"The rate is {advice_en}",
                                                                        f"La tasa es {advice_es}")) from None


def _shifted_epoch(name: str, submission, reference, hyper: tuple[float, ...], epoch: int) -> str:
    """Name a schedule that counts epochs one off (from 1, or with epoch + 1 to dodge sqrt(0)): on a few epochs past
    the start, the learner's rate at epoch e is the reference's at e + 1 (or e - 1)."""
    probe = [e for e in (epoch, epoch + 1, epoch + 5, 2 * epoch + 3, 40, 41) if e >= 2]
    try:
        mine = [float(getattr(submission, name)(*hyper, e)) for e in probe]
    except (AssertionError, TypeError, ValueError):
        return ""
    here = [float(getattr(reference, name)(*hyper, e)) for e in probe]
    for delta in (1, -1):
        ref = [float(getattr(reference, name)(*hyper, e + delta)) for e in probe]
        moves = any(not math.isclose(a, b, rel_tol=1e-9) for a, b in zip(here, ref))  # not a flat stretch
        if moves and all(math.isclose(m, r, rel_tol=1e-9) for m, r in zip(mine, ref)):
            return t(f"Your rate at epoch e is the rate of epoch e {'+' if delta > 0 else '-'} 1: the epochs are "
                     "counted one off. Epochs count from 0, and only epoch 0 of k/sqrt(epoch) is special. ",
                     f"Tu tasa en la época e es la de la época e {'+' if delta > 0 else '-'} 1: las épocas están "
                     "corridas en uno. Las épocas cuentan desde 0, y solo la época 0 de k/sqrt(epoch) es especial. ")
    return ""


def _ignored_arguments(name: str, submission, reference, hyper: tuple[float, ...], epoch: int) -> str:
    """Name each hyper-parameter the learner's schedule ignores: changing it moves the reference's rate and not
    the learner's (a number written where the argument belongs)."""
    names = list(inspect.signature(getattr(reference, name)).parameters)[:len(hyper)]
    epoch = max(int(epoch), 3)  # where every argument matters (past step's first drop needs a small `every`)
    base_mine, base_ref = getattr(submission, name)(*hyper, epoch), getattr(reference, name)(*hyper, epoch)
    ignored = []
    for i, arg in enumerate(names):
        changed = list(hyper)
        changed[i] = 1 if arg == "every" else float(hyper[i]) * 0.5
        try:
            mine = float(getattr(submission, name)(*changed, epoch))
        except (AssertionError, TypeError, ValueError):
            continue
        ref = float(getattr(reference, name)(*changed, epoch))
        if not math.isclose(ref, float(base_ref), rel_tol=1e-9) and math.isclose(mine, float(base_mine), rel_tol=1e-12):
            ignored.append(f"`{arg}`")
    if not ignored:
        return ""
    return t(f"Your {name} gives the same rate whatever {', '.join(ignored)} is: a number is written where the "
             "argument belongs. ",
             f"Tu {name} da la misma tasa sea cual sea {', '.join(ignored)}: hay un número escrito donde va el "
             "argumento. ")


@pytest.mark.points(2)
@pytest.mark.title(en="1/t decay", es="Degradación 1/t")
def test_inverse_time(submission, reference, record):
    _record_curve("inverse_time", submission, reference, record)
    _check_scalars("inverse_time", submission, reference, 31)


@pytest.mark.points(2)
@pytest.mark.title(en="Exponential decay", es="Degradación exponencial")
def test_exponential(submission, reference, record):
    _record_curve("exponential", submission, reference, record)
    _check_scalars("exponential", submission, reference, 32)


@pytest.mark.points(2)
@pytest.mark.title(en="k/sqrt(epoch) decay, epoch 0 included", es="Degradación k/sqrt(época), con la época 0")
def test_inverse_sqrt(submission, reference, record):
    _record_curve("inverse_sqrt", submission, reference, record)
    _check_scalars("inverse_sqrt", submission, reference, 33)


@pytest.mark.points(2)
@pytest.mark.title(en="Step decay", es="Degradación por escalones")
def test_step(submission, reference, record):
    _record_curve("step", submission, reference, record)
    _check_scalars("step", submission, reference, 34)


@pytest.mark.points(2)
@pytest.mark.title(en="Arrays of epochs", es="Arreglos de épocas")
def test_arrays(submission, reference):
    rng = np.random.default_rng(35)
    batches = [np.arange(0, 120), rng.integers(0, 150, size=(3, 7)), rng.integers(0, 60, size=5).astype(np.int32)]
    for name in ("inverse_time", "exponential", "inverse_sqrt", "step"):
        hyper = _hyper(name, rng)
        for epochs in batches:
            want = getattr(reference, name)(*hyper, epochs)
            call = _call_text(name, hyper, f"<array of shape {epochs.shape}>")
            try:
                got = getattr(submission, name)(*hyper, epochs)
            except SubmissionError as exc:
                # Keep the learner's traceback, and say why arrays are different from single epochs.
                raise SubmissionError(exc.info, t(
                    f"{call} (with arrays, use element-wise NumPy: np.maximum, np.sqrt, np.floor_divide, "
                    "not math.*, max() or if)",
                    f"{call} (con arreglos, usa NumPy elemento a elemento: np.maximum, np.sqrt, np.floor_divide, "
                    "no math.*, max() ni if)")) from None
            check_array(got, want, what=call, rtol=1e-9, atol=0.0)
