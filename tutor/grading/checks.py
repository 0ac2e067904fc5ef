"""Helpers for grader authors: bilingual messages, numeric comparisons, trajectories.

Graders import these on the trusted side; nothing here runs in the sandboxed worker.
"""
from __future__ import annotations

import builtins
import contextvars
import math
from typing import Any, Callable, Sequence

import numpy as np

from tutor.core.i18n import count, pick

# The language of the grade being run, set by the runner for the grade's own context: never an environment
# variable, which in the in-process transport would be the CLI's own.
GRADE_LANG: contextvars.ContextVar[str] = contextvars.ContextVar("tutor_grade_lang", default="en")


def lang() -> str:
    return GRADE_LANG.get()


def t(en: str, es: str) -> str:
    """The message in the learner's language (the grade's `lang`, through the core's one `pick`)."""
    return pick(GRADE_LANG.get(), en, es)


def counted(n: float, noun: str) -> str:
    """A count with its word in the grade's language, singular for 1: counted(1, "time") is "1 time"/"1 vez"."""
    return count(GRADE_LANG.get(), n, noun)


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


def tolerance_note(rel: float, rtol: float) -> str:
    """How far a relative error is from a comparison's tolerance, in the learner's language.

    For comparisons with a reference computed the same way (optimizer steps, schedules, shapes): there rounding
    alone stays far below the tolerance, so the size of the error says how much of the formula differs. The
    CS231n bands of error_band() read a numerical gradient check and would mislead here (no ReLU kinks)."""
    if not math.isfinite(rel):
        return t("NaN/inf or a different shape", "NaN/inf o una forma distinta")
    if rel > 1e-2:
        return t("a different formula, not rounding", "otra fórmula, no redondeo")
    if rtol > 0 and rel <= 100 * rtol:
        times = round(rel / rtol)
        return t(f"{times}x the tolerance {rtol:g}: a small term differs (a constant, where eps goes)",
                 f"{count('es', times, 'time')} la tolerancia {rtol:g}: difiere un término pequeño (una constante, "
                 "dónde va eps)")
    return t(f"above the tolerance {rtol:g} and far above rounding", f"sobre la tolerancia {rtol:g} y muy por encima "
             "del redondeo")


# float32 keeps about 7 significant digits: a result computed in it is compared with this much room.
LOW_PRECISION_RTOL = 1e-5
LOW_PRECISION_ATOL = 1e-6  # times the scale of the expected values


def is_low_precision(got: Any, want: Any) -> bool:
    """True when `got` holds floats narrower than `want`'s float64 (the learner computed in float32)."""
    g, w = np.asarray(got), np.asarray(want)
    return g.dtype.kind == "f" and g.dtype.itemsize < 8 and w.dtype.kind == "f" and w.dtype.itemsize >= 8


def widened(got: Any, want: Any, rtol: float, atol: float) -> tuple[float, float]:
    """The tolerances for comparing `got` with `want`, widened when `got` was computed in float32."""
    if not is_low_precision(got, want):
        return rtol, atol
    w = np.asarray(want, dtype=np.float64)
    finite = w[np.isfinite(w)]
    scale = max(1.0, float(np.max(np.abs(finite)))) if finite.size else 1.0
    return max(rtol, LOW_PRECISION_RTOL), max(atol, LOW_PRECISION_ATOL * scale)


def check_array(got: Any, want: Any, *, what: str, rtol: float = 1e-6, atol: float = 1e-9,
                band: Callable[[float], str] | None = None) -> None:
    """Assert that a returned array matches the expected one, with a message that says what differs.

    A float32 result compared with a float64 one gets float32's room (see widened()). `band` reads the relative
    error for the message; by default its distance from the tolerance (error_band() suits gradient checks)."""
    if got is None:
        raise AssertionError(t(f"{what}: your function returned None; did you forget `return`?",
                               f"{what}: tu función devolvió None; ¿olvidaste el `return`?"))
    if not isinstance(got, (np.ndarray, np.generic, int, float, list, tuple)):
        kind = getattr(got, "remote_type", type(got).__name__)
        raise AssertionError(t(f"{what}: expected a NumPy array, got {kind}",
                               f"{what}: se esperaba un arreglo de NumPy, llegó {kind}"))
    g, w = np.asarray(got), np.asarray(want)
    if g.shape != w.shape:
        raise AssertionError(t(f"{what}: wrong shape {g.shape}, expected {w.shape}",
                               f"{what}: forma {g.shape} incorrecta, se esperaba {w.shape}"))
    if g.dtype.kind not in "fiub":
        raise AssertionError(t(f"{what}: dtype {g.dtype} is not numeric", f"{what}: dtype {g.dtype} no es numérico"))
    if np.isnan(g.astype(np.float64)).any() and not np.isnan(w.astype(np.float64)).any():
        raise AssertionError(t(f"{what}: contains NaN (a division by zero or a log of 0?)",
                               f"{what}: contiene NaN (¿una división por cero o un log de 0?)"))
    rtol, atol = widened(g, w, rtol, atol)
    if not np.allclose(g, w, rtol=rtol, atol=atol):
        rel = relative_error(g, w)
        reading = band(rel) if band is not None else tolerance_note(rel, rtol)
        idx = np.unravel_index(np.argmax(np.abs(g.astype(np.float64) - w.astype(np.float64))), g.shape) if g.shape else ()
        where = t(" at index ", " en el índice ") + str(tuple(int(i) for i in idx)) if g.shape else ""
        raise AssertionError(t(
            f"{what}: differs from the expected value{where}: got {g[idx] if g.shape else g}, "
            f"expected {w[idx] if w.shape else w} (relative error {rel:.2e}, {reading})",
            f"{what}: difiere del valor esperado{where}: obtuviste {g[idx] if g.shape else g}, "
            f"se esperaba {w[idx] if w.shape else w} (error relativo {rel:.2e}, {reading})"))


def first_divergence(got: Sequence[Any], want: Sequence[Any], *, rtol: float = 1e-6) -> int | None:
    """Index of the first step whose relative error exceeds rtol, or None when the trajectories agree."""
    for k, (g, w) in enumerate(zip(got, want)):
        if relative_error(g, w) > rtol:
            return k
    if len(got) != len(want):
        return min(len(got), len(want))
    return None


def raised_names(info: dict) -> list[str]:
    """The class names an exception from the worker is an instance of, most derived first.

    The worker sends `mro` (type(exc).__mro__ by name) when it can; otherwise only `type`. A builtin name is
    completed here from the builtin hierarchy, which the trusted side knows as well as the worker."""
    names = [n for n in (info.get("mro") or [info.get("type")]) if isinstance(n, str)]
    known = getattr(builtins, names[0], None) if names else None
    if isinstance(known, type) and issubclass(known, BaseException):
        names += [c.__name__ for c in known.__mro__ if c.__name__ not in names]
    return names


def raised_kind(info: dict, kind: str) -> bool:
    """Whether the exception described by `info` is a `kind` (the class itself or a subclass of it)."""
    return kind in raised_names(info)


def expect_raises(call: Callable[[], Any], kind: str, *, what: str) -> None:
    """Assert that `call()` (a call into the submission) raises `kind` or a subclass of it (isinstance)."""
    from tutor.grading.proxy import SubmissionError

    try:
        got = call()
    except SubmissionError as exc:
        if not raised_kind(exc.info, kind):
            said = exc.info.get("message")
            raised = f"{exc.info.get('type')}: {said}" if said else exc.info.get("type")  # no bare colon
            raise AssertionError(t(f"{what} should raise {kind}, but raised {raised}",
                                   f"{what} debe lanzar {kind}, pero lanzó {raised}"))
        return
    raise AssertionError(t(f"{what} returned {got!r}; it should raise {kind}",
                           f"{what} devolvió {got!r}; debe lanzar {kind}"))


def call_many(submission: Any, name: str, cases: Sequence[tuple]) -> list[Any]:
    """`name(*case)` for every case: each outcome is the value or the SubmissionError the call raised.

    Against the sandboxed worker, all the cases go in one round trip (SubmissionProxy.many); against a module in
    this process (plain pytest, the benchmark's floor) they are called here, with the same outcomes."""
    from tutor.grading.proxy import SubmissionError

    if hasattr(submission, "many") and hasattr(submission, "has"):
        return submission.many(name, list(cases))
    fn = getattr(submission, name)
    outcomes: list[Any] = []
    for case in cases:
        try:
            outcomes.append(fn(*case))
        except Exception as exc:  # as the worker describes it: the class names let expect_raises judge
            outcomes.append(SubmissionError({"type": type(exc).__name__, "message": str(exc),
                                             "mro": [k.__name__ for k in type(exc).__mro__]}, f"{name}()"))
    return outcomes

