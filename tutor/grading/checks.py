"""Helpers for grader authors: bilingual messages, numeric comparisons, trajectories.

Graders import these on the trusted side; nothing here runs in the sandboxed worker.
"""
from __future__ import annotations

import math
import os
from typing import Any, Callable, Sequence

import numpy as np


def lang() -> str:
    return os.environ.get("TUTOR_LANG", "en")


def t(en: str, es: str) -> str:
    """The message in the learner's language."""
    return es if lang() == "es" else en


def relative_error(got: Any, want: Any) -> float:
    """max_i( |got_i - want_i| / max(|got_i| + |want_i|, tiny) ): the largest entry-wise ratio, as CS231n and lesson 02."""
    a, b = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    if a.shape != b.shape:
        return math.inf
    if a.size == 0:
        return 0.0
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        same = np.array_equal(np.isnan(a), np.isnan(b)) and np.array_equal(a[~np.isnan(a)], b[~np.isnan(b)])
        return 0.0 if same else math.inf
    denom = np.maximum(np.abs(a) + np.abs(b), 1e-12)
    return float(np.max(np.abs(a - b) / denom))


def error_band(rel: float) -> str:
    """CS231n's reading of a relative error, in the learner's language."""
    if rel > 1e-2:
        return t("> 1e-2: almost certainly wrong", "> 1e-2: casi seguro que está mal")
    if rel > 1e-4:
        return t("1e-2..1e-4: suspicious", "1e-2..1e-4: sospechoso")
    if rel > 1e-7:
        return t("1e-4..1e-7: fine with kinks (ReLU), too large otherwise",
                 "1e-4..1e-7: aceptable con quiebres (ReLU), demasiado en otro caso")
    return t("< 1e-7: excellent", "< 1e-7: excelente")


def describe_array(x: Any) -> str:
    arr = np.asarray(x)
    return f"shape {arr.shape}, dtype {arr.dtype}"


def check_array(got: Any, want: Any, *, what: str, rtol: float = 1e-6, atol: float = 1e-9) -> None:
    """Assert that a returned array matches the expected one, with a message that says what differs."""
    if got is None:
        raise AssertionError(t(f"{what}: your function returned None; did you forget `return`?",
                               f"{what}: tu función devolvió None; ¿olvidaste el `return`?"))
    if not isinstance(got, (np.ndarray, np.generic, int, float, list, tuple)):
        kind = getattr(got, "remote_type", type(got).__name__)
        raise AssertionError(t(f"{what}: expected a NumPy array, got {kind}",
                               f"{what}: se esperaba un array de NumPy, llegó {kind}"))
    g, w = np.asarray(got), np.asarray(want)
    if g.shape != w.shape:
        raise AssertionError(t(f"{what}: wrong shape {g.shape}, expected {w.shape}",
                               f"{what}: forma {g.shape} incorrecta, se esperaba {w.shape}"))
    if g.dtype.kind not in "fiub":
        raise AssertionError(t(f"{what}: dtype {g.dtype} is not numeric", f"{what}: dtype {g.dtype} no es numérico"))
    if np.isnan(g.astype(np.float64)).any() and not np.isnan(w.astype(np.float64)).any():
        raise AssertionError(t(f"{what}: contains NaN (a division by zero or a log of 0?)",
                               f"{what}: contiene NaN (¿una división por cero o un log de 0?)"))
    if not np.allclose(g, w, rtol=rtol, atol=atol):
        rel = relative_error(g, w)
        idx = np.unravel_index(np.argmax(np.abs(g.astype(np.float64) - w.astype(np.float64))), g.shape) if g.shape else ()
        where = t(" at index ", " en el índice ") + str(tuple(int(i) for i in idx)) if g.shape else ""
        raise AssertionError(t(
            f"{what}: differs from the expected value{where}: got {g[idx] if g.shape else g}, "
            f"expected {w[idx] if w.shape else w} (relative error {rel:.2e}, {error_band(rel)})",
            f"{what}: difiere del valor esperado{where}: obtuviste {g[idx] if g.shape else g}, "
            f"se esperaba {w[idx] if w.shape else w} (error relativo {rel:.2e}, {error_band(rel)})"))


def first_divergence(got: Sequence[Any], want: Sequence[Any], *, rtol: float = 1e-6) -> int | None:
    """Index of the first step whose relative error exceeds rtol, or None when the trajectories agree."""
    for k, (g, w) in enumerate(zip(got, want)):
        if relative_error(g, w) > rtol:
            return k
    if len(got) != len(want):
        return min(len(got), len(want))
    return None


def expect_raises(call: Callable[[], Any], kind: str, *, what: str) -> None:
    """Assert that `call()` (a call into the submission) raises the exception type named `kind`."""
    from tutor.grading.proxy import SubmissionError

    try:
        got = call()
    except SubmissionError as exc:
        raised = exc.info.get("type")
        if raised != kind:
            raise AssertionError(t(f"{what} should raise {kind}, but raised {raised}: {exc.info.get('message')}",
                                   f"{what} debe lanzar {kind}, pero lanzó {raised}: {exc.info.get('message')}"))
        return
    raise AssertionError(t(f"{what} returned {got!r}; it should raise {kind}",
                           f"{what} devolvió {got!r}; debe lanzar {kind}"))
