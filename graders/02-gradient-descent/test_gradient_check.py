"""Grader for gradient-descent/gradient-check.

The functions being differentiated live here, on the trusted side: the learner's numerical_gradient() and
gradient_check() call them as callbacks, so the grader also sees every point they are evaluated at.
Results are compared with the reference's; the analytic gradients below explain the size of any error.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np
import pytest

from tutor.grading.checks import check_array, counted, error_band, relative_error, t


class Watched:
    """f(x) for the learner's code: checks the shape it is called with and counts the calls."""

    def __init__(self, f: Callable[[np.ndarray], Any], shape: tuple[int, ...], name: str) -> None:
        self.f, self.shape, self.__name__ = f, shape, name
        self.calls = 0

    def __call__(self, x: Any) -> Any:
        x = np.asarray(x, dtype=np.float64)
        if x.shape != self.shape:
            raise ValueError(f"{self.__name__} expects x of shape {self.shape}, it was called with shape {x.shape}; "
                             "perturb a copy of x with its own shape")
        self.calls += 1
        return self.f(x)


A = np.random.default_rng(41).normal(size=(4, 2))


def _f_elementwise(x: np.ndarray) -> float:
    return float(np.sum(np.sin(x) * x**2))


def _g_elementwise(x: np.ndarray) -> np.ndarray:
    return np.cos(x) * x**2 + 2 * x * np.sin(x)


def _f_matrix(x: np.ndarray) -> float:
    return float(np.sum(np.tanh(x @ A)))


def _g_matrix(x: np.ndarray) -> np.ndarray:
    return (1 - np.tanh(x @ A) ** 2) @ A.T


def _f_cubic(x: np.ndarray) -> float:
    return float(np.sum(x**3))


def _g_cubic(x: np.ndarray) -> np.ndarray:
    return 3 * x**2


def _g_cubic_wrong(x: np.ndarray) -> np.ndarray:
    g = 3 * x**2
    g.flat[-1] *= 0.5  # one entry is off: what a forgotten term looks like
    return g


CASES = [("f(x) = sum(sin(x) * x**2)", _f_elementwise, _g_elementwise, (3, 4), 42),
         ("f(X) = sum(tanh(X @ A))", _f_matrix, _g_matrix, (3, 4), 43),
         ("f(x) = sum(x**3)", _f_cubic, _g_cubic, (5,), 44)]


def _point(shape: tuple[int, ...], seed: int) -> np.ndarray:
    return np.random.default_rng(seed).uniform(-2.0, 2.0, size=shape)


def _compare_numerical(submission: Any, reference: Any, name: str, f: Any, g: Any, x: np.ndarray,
                       h: float | None) -> None:
    watched = Watched(f, x.shape, "f")
    call = "numerical_gradient(f, x)" if h is None else f"numerical_gradient(f, x, h={h})"
    got = submission.numerical_gradient(watched, x) if h is None else submission.numerical_gradient(watched, x, h)
    want = reference.numerical_gradient(f, x) if h is None else reference.numerical_gradient(f, x, h)
    try:
        check_array(got, want, what=t(f"{call} for {name}", f"{call} para {name}"), rtol=1e-7, atol=1e-9)
    except AssertionError as exc:
        got = np.asarray(got, dtype=np.float64)
        if got.shape != x.shape:
            raise
        if h is not None:
            off = float(np.max(np.abs(got - g(x))))
            raise AssertionError(f"{exc}. " + t(
                f"Use the h you are given: with h = {h} the centred difference of x**3 is off by exactly "
                f"h**2 = {h * h:g} from 3 x**2; yours is off by {off:.3g}",
                f"Usa el h que recibes: con h = {h} la diferencia centrada de x**3 se aleja exactamente "
                f"h**2 = {h * h:g} de 3 x**2; la tuya se aleja {off:.3g}")) from None
        rel = relative_error(got, g(x))
        m = x.size
        calls = t(f"; f was called {counted(watched.calls, 'time')} for {m} entries",
                  f"; f se llamó {counted(watched.calls, 'time')} para {m} entradas")
        if watched.calls in (m, m + 1):
            calls += t(" (one call per entry, as a forward difference; a centred one needs 2 per entry)",
                       " (una llamada por entrada, como una diferencia hacia adelante; una centrada necesita 2 por "
                       "entrada)")
        raise AssertionError(f"{exc}. " + t(
            f"Against the exact gradient your relative error is {rel:.2e} ({error_band(rel)}); a centred "
            f"difference gets about 1e-10{calls}",
            f"Contra el gradiente exacto tu error relativo es {rel:.2e} ({error_band(rel)}); una diferencia "
            f"centrada logra cerca de 1e-10{calls}")) from None


@pytest.mark.points(4)
@pytest.mark.title(en="numerical_gradient(): centred differences, any shape", es="numerical_gradient(): diferencias "
                   "centradas, cualquier forma")
def test_numerical_gradient(submission, reference):
    for name, f, g, shape, seed in CASES:
        _compare_numerical(submission, reference, name, f, g, _point(shape, seed), None)


@pytest.mark.points(0.5)
@pytest.mark.title(en="numerical_gradient() works on a float copy of x", es="numerical_gradient() trabaja sobre una "
                   "copia en flotante de x")
def test_integer_point(submission):
    # A point of whole numbers (an integer array): writing x[i] + h into it would round h away. Judged against the
    # learner's own result at the same point given as floats, so that only the copy is judged here.
    x = np.array([[1, -2, 3], [2, 0, -1]])
    as_int = submission.numerical_gradient(Watched(_f_cubic, x.shape, "f"), x)
    as_float = submission.numerical_gradient(Watched(_f_cubic, x.shape, "f"), x.astype(np.float64))
    try:
        check_array(as_int, np.asarray(as_float, dtype=np.float64),
                    what=t("numerical_gradient(f, x) for f(x) = sum(x**3) at x = np.array([[1, -2, 3], [2, 0, -1]]) "
                           "(integers), against your own result at the same x as floats",
                           "numerical_gradient(f, x) para f(x) = sum(x**3) en x = np.array([[1, -2, 3], [2, 0, -1]]) "
                           "(enteros), contra tu propio resultado en el mismo x en flotante"), rtol=1e-12, atol=1e-12)
    except AssertionError as exc:
        raise AssertionError(f"{exc}. " + t(
            "x holds integers, so x[i] = old + h is stored as a whole number and h is lost: work on a float copy, "
            "x = np.array(x, dtype=np.float64), as the docstring asks (it also leaves the caller's array alone)",
            "x guarda enteros, así que x[i] = old + h se guarda como número entero y h se pierde: trabaja sobre una "
            "copia en flotante, x = np.array(x, dtype=np.float64), como pide el docstring (así tampoco cambia el "
            "arreglo de quien llama)")) from None


@pytest.mark.points(0.5)
@pytest.mark.title(en="numerical_gradient() uses the h it is given", es="numerical_gradient() usa el h que recibe")
def test_step_size(submission, reference):
    # With x**3 the centred error is exactly h**2 per entry, so a different h shows.
    _compare_numerical(submission, reference, "f(x) = sum(x**3)", _f_cubic, _g_cubic, _point((5,), 45), 1e-2)


@pytest.mark.points(1.5)
@pytest.mark.title(en="relative_error(): the measure of a gradient check", es="relative_error(): la medida de una "
                   "comprobación de gradiente")
def test_relative_error(submission, reference):
    rng = np.random.default_rng(46)
    pairs = [(rng.normal(size=(3, 4)), rng.normal(size=(3, 4))),
             (np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 3.0000003])),
             (np.zeros(4), np.zeros(4)),
             (np.array([[0.0, 1e-3]]), np.array([[0.0, -1e-3]]))]
    for a, b in pairs:
        got = submission.relative_error(a, b)
        assert np.ndim(got) == 0, t(f"relative_error must return one number (the largest), got shape "
                                    f"{np.shape(got)}", f"relative_error debe devolver un número (el mayor), "
                                    f"llegó forma {np.shape(got)}")
        want = reference.relative_error(a, b)
        assert np.isfinite(float(got)), t(
            f"relative_error of two arrays of zeros must be 0, got {got}: divide by max(|a| + |b|, 1e-12)",
            f"relative_error de dos arreglos de ceros debe ser 0, llegó {got}: divide por max(|a| + |b|, 1e-12)")
        shown = np.array2string(a.ravel()[:3])
        try:
            check_array(float(got), want, what=t(f"relative_error(a, b) with a = {shown}...",
                                                 f"relative_error(a, b) con a = {shown}..."),
                        rtol=1e-9, atol=1e-15)
        except AssertionError as exc:
            raise AssertionError(f"{exc}. " + _relative_error_reading(float(got), a, b)) from None


def _relative_error_reading(got: float, a: np.ndarray, b: np.ndarray) -> str:
    """What the learner's number is, when it is one of the other relative errors in use."""
    d = np.abs(a - b)
    others = [
        (float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-12)),
         t("the ratio of norms ||a - b|| / (||a|| + ||b||) (deeplearning.ai's form): one number for the whole "
           "array, which a single wrong entry barely moves",
           "el cociente de normas ||a - b|| / (||a|| + ||b||) (la forma de deeplearning.ai): un número para todo "
           "el arreglo, que una sola entrada errónea apenas mueve")),
        (float(np.mean(d / np.maximum(np.abs(a) + np.abs(b), 1e-12))),
         t("the mean over entries, where the largest is asked for: an average hides one wrong entry",
           "la media sobre las entradas, donde se pide la mayor: un promedio esconde una entrada errónea")),
        (float(np.max(d / np.maximum(np.abs(b), 1e-12))),
         t("divided by |b| alone", "dividido solo por |b|")),
        (float(np.max(d / np.maximum(np.abs(a), 1e-12))),
         t("divided by |a| alone", "dividido solo por |a|")),
        (float(np.max(d / np.maximum(np.maximum(np.abs(a), np.abs(b)), 1e-12))),
         t("divided by max(|a|, |b|)", "dividido por max(|a|, |b|)")),
    ]
    for value, name in others:
        if np.isclose(got, value, rtol=1e-9, atol=1e-15):
            return t(f"Your value is {name}; this exercise uses max over entries of |a - b| / max(|a| + |b|, 1e-12)",
                     f"Tu valor es {name}; este ejercicio usa el máximo sobre las entradas de |a - b| / "
                     "max(|a| + |b|, 1e-12)")
    return t("The measure is max over entries of |a - b| / max(|a| + |b|, 1e-12)",
             "La medida es el máximo sobre las entradas de |a - b| / max(|a| + |b|, 1e-12)")


@pytest.mark.points(3.5)
@pytest.mark.title(en="gradient_check(): tells a right gradient from a wrong one", es="gradient_check(): distingue un "
                   "gradiente correcto de uno erróneo")
def test_gradient_check(submission, reference):
    for name, f, g, shape, seed in CASES:
        x = _point(shape, seed + 10)
        grad = Watched(g, x.shape, "grad_f")
        got = float(submission.gradient_check(Watched(f, x.shape, "f"), grad, x))
        want = float(reference.gradient_check(f, g, x))
        assert grad.calls > 0, t("gradient_check never called grad_f: compare grad_f(x) with the numerical gradient",
                                 "gradient_check nunca llamó a grad_f: compara grad_f(x) con el gradiente numérico")
        # Two tiny errors differ by rounding; what matters is that a right gradient reads as right.
        assert got <= max(1e-7, 2 * want), t(
            f"gradient_check for {name} with its exact gradient returned {got:.2e} ({error_band(got)}); a centred "
            f"check reads about {want:.0e} there",
            f"gradient_check de {name} con su gradiente exacto devolvió {got:.2e} ({error_band(got)}); una "
            f"comprobación centrada da cerca de {want:.0e} ahí")
    x = _point((5,), 47)
    got = float(submission.gradient_check(Watched(_f_cubic, x.shape, "f"), Watched(_g_cubic_wrong, x.shape, "grad_f"),
                                          x))
    want = float(reference.gradient_check(_f_cubic, _g_cubic_wrong, x))
    assert abs(got - want) <= 1e-6 * max(1.0, abs(want)), t(
        f"gradient_check for sum(x**3) with a gradient that is wrong in one entry returned {got:.4g}, expected "
        f"{want:.4g} ({error_band(want)}): return the largest element-wise relative error",
        f"gradient_check de sum(x**3) con un gradiente erróneo en una entrada devolvió {got:.4g}, se esperaba "
        f"{want:.4g} ({error_band(want)}): devuelve el mayor error relativo elemento a elemento")
