"""Grader for tensors/broadcasting: hundreds of random shape pairs, compared with np.broadcast_shapes."""
from __future__ import annotations

import numpy as np
import pytest

from tutor.grading.checks import call_many, expect_raises, t
from tutor.grading.proxy import SubmissionError, outcome_value


def _require(ok: bool, message: str) -> None:
    # A plain raise, not `assert`: pytest's rewritten asserts append "assert False + where ..." to the message.
    if not ok:
        raise AssertionError(message)


def _random_pair(rng: np.random.Generator, low: int = 1) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Two shapes cut from the right of one full shape, with some dimensions replaced by 1: always compatible."""
    n = int(rng.integers(0, 6))
    full = tuple(int(x) for x in rng.integers(low, 6, size=n))
    a = tuple(1 if rng.random() < 0.3 else d for d in full[int(rng.integers(0, n + 1)):])
    b = tuple(1 if rng.random() < 0.3 else d for d in full[int(rng.integers(0, n + 1)):])
    return a, b


def _incompatible_pair(rng: np.random.Generator) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """A compatible pair with one aligned dimension changed to two different sizes, neither of them 1."""
    while True:
        a, b = _random_pair(rng)
        common = min(len(a), len(b))
        if common == 0:
            continue
        i = -int(rng.integers(1, common + 1))
        x, y = (int(v) for v in rng.choice(np.arange(2, 8), size=2, replace=False))
        a, b = a[:len(a) + i] + (x,) + a[len(a) + i + 1:], b[:len(b) + i] + (y,) + b[len(b) + i + 1:]
        if rng.random() < 0.5:
            a, b = b, a
        try:
            np.broadcast_shapes(a, b)
        except ValueError:
            return a, b


def _value(outcome: object, a: tuple[int, ...], b: tuple[int, ...]) -> object:
    """The learner's answer for compatible shapes; an exception there is named with the call and the rule."""
    try:
        return outcome_value(outcome)
    except SubmissionError as exc:
        kind, said = exc.info.get("type", "Exception"), exc.info.get("message", "")
        if kind == "NotImplementedError" and not said:
            raise  # the starter's: "not implemented yet", not a lesson on the rule
        raised = f"{kind}: {said}" if said else kind
        raise AssertionError(t(
            f"broadcast_shape({a}, {b}) raised {raised}; these shapes are compatible: aligned from the right, "
            "each pair of dimensions is equal or has a 1 (a 1 on either side stretches)",
            f"broadcast_shape({a}, {b}) lanzó {raised}; estas formas son compatibles: alineadas por la derecha, "
            "cada par de dimensiones es igual o tiene un 1 (un 1 de cualquiera de los dos lados se estira)")) from None


def _not_a_shape(got: object) -> str | None:
    """Why `got` is not a shape at all (an iterator, a string, None), or None when it is a sequence of numbers."""
    if isinstance(got, (tuple, list, np.ndarray)):
        return None
    kind = getattr(got, "remote_type", type(got).__name__)
    return t(f"it returned {kind}, not a shape: return the dimensions as a tuple, e.g. tuple(result)",
             f"devolvió {kind}, no una forma: devuelve las dimensiones como una tupla, p. ej. tuple(result)")


def _same(got: object, want: tuple[int, ...]) -> bool:
    """A shape is a shape as a tuple, a list or a 1-D array of whole numbers (the docstring does not care)."""
    if isinstance(got, np.ndarray):
        if got.ndim != 1 or (got.size and got.dtype.kind not in "iu"):
            return False
        got = got.tolist()
    return isinstance(got, (tuple, list)) and tuple(got) == want


@pytest.mark.points(2)
@pytest.mark.title(en="Slide example (8, 1, 6) and (7, 1)", es="Ejemplo (8, 1, 6) y (7, 1)")
def test_example(submission):
    got = _value(call_many(submission, "broadcast_shape", [((8, 1, 6), (7, 1))])[0], (8, 1, 6), (7, 1))
    wrong_kind = _not_a_shape(got)
    _require(wrong_kind is None, f"broadcast_shape((8, 1, 6), (7, 1)): {wrong_kind}")
    _require(_same(got, (8, 7, 6)), t(f"expected (8, 7, 6), got {got!r}", f"se esperaba (8, 7, 6), llegó {got!r}"))


@pytest.mark.points(4)
@pytest.mark.title(en="300 random compatible shapes", es="300 formas compatibles al azar")
def test_random(submission):
    rng = np.random.default_rng(7)
    cases = [_random_pair(rng) for _ in range(300)]
    # All 300 asked for in one round trip; checked in order, the first wrong one is reported.
    for (a, b), outcome in zip(cases, call_many(submission, "broadcast_shape", cases)):
        want = np.broadcast_shapes(a, b)
        got = _value(outcome, a, b)
        wrong_kind = _not_a_shape(got)
        _require(wrong_kind is None, f"broadcast_shape({a}, {b}): {wrong_kind}")
        _require(_same(got, want), t(
            f"broadcast_shape({a}, {b}) returned {got!r}, expected {want}: align from the right, pad the shorter "
            "shape with 1s, and take the dimension that is not 1",
            f"broadcast_shape({a}, {b}) devolvió {got!r}, se esperaba {want}: alinea por la derecha, rellena la "
            "forma más corta con unos y toma la dimensión que no es 1"))


@pytest.mark.points(2)
@pytest.mark.title(en="Incompatible shapes raise ValueError", es="Formas incompatibles lanzan ValueError")
def test_incompatible(submission):
    rng = np.random.default_rng(11)
    cases = [((3,), (4,)), ((5, 4), (5,))] + [_incompatible_pair(rng) for _ in range(150)]
    for (a, b), outcome in zip(cases, call_many(submission, "broadcast_shape", cases)):
        expect_raises(lambda: outcome_value(outcome), "ValueError", what=f"broadcast_shape({a}, {b})")


@pytest.mark.points(1)
@pytest.mark.title(en="Dimensions of length 0", es="Dimensiones de longitud 0")
def test_zero_length(submission):
    rng = np.random.default_rng(13)
    cases = [((2, 0), (1,)), ((0,), (0,)), ((1, 3), (0, 1))] + [_random_pair(rng, low=0) for _ in range(100)]
    valid = []
    for a, b in cases:
        try:
            valid.append(((a, b), np.broadcast_shapes(a, b)))
        except ValueError:
            continue  # covered by the previous check
    outcomes = call_many(submission, "broadcast_shape", [case for case, _ in valid])
    for ((a, b), want), outcome in zip(valid, outcomes):
        got = _value(outcome, a, b)
        wrong_kind = _not_a_shape(got)
        _require(wrong_kind is None, f"broadcast_shape({a}, {b}): {wrong_kind}")
        _require(_same(got, want), t(
            f"broadcast_shape({a}, {b}) returned {got!r}, expected {want}: a 1 stretches to the other length, "
            "even when that length is 0 (take the dimension that is not 1, not the larger one)",
            f"broadcast_shape({a}, {b}) devolvió {got!r}, se esperaba {want}: un 1 se estira a la otra longitud, "
            "aunque sea 0 (toma la dimensión que no es 1, no la mayor)"))


# Beyond what NumPy can hold: a shape rule has no limit on the number of axes or on their sizes, while NumPy's
# arrays stop at 64 axes and np.empty cannot allocate 10**12 x 10**12 values. np.broadcast_shapes, np.broadcast
# and the shape of a sum of empty arrays, which the exercise asks not to use, fail here; the rule itself does not.
BEYOND_NUMPY = [((1,) * 70, (3,)), ((5,) + (1,) * 69, (4, 1)), ((10**12, 1), (1, 10**12)),
                ((2, 10**15), (10**15,))]


def _rule(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    """The broadcast shape of two compatible shapes, by the rule alone (no arrays, so no limit)."""
    n = max(len(a), len(b))
    a, b = (1,) * (n - len(a)) + a, (1,) * (n - len(b)) + b
    return tuple(y if x == 1 else x for x, y in zip(a, b))


def _as_shape(value: object) -> tuple[int, ...] | None:
    try:
        return tuple(int(d) for d in value)  # type: ignore[union-attr]
    except (TypeError, ValueError):
        return None


def _short(shape: tuple[int, ...]) -> str:
    if len(shape) <= 6:
        return str(shape)
    ends = f"({', '.join(map(str, shape[:2]))}, ..., {', '.join(map(str, shape[-2:]))})"
    return t(f"<{len(shape)} axes: {ends}>", f"<{len(shape)} ejes: {ends}>")


def _numpy_limit(error: SubmissionError) -> bool:
    """Whether the learner's exception is NumPy refusing an array (too many axes, too much memory)."""
    said = str(error.info.get("message", ""))
    return error.info.get("type") == "MemoryError" or any(
        marker in said for marker in ("maximum supported dimension", "Unable to allocate", "array is too big"))


@pytest.mark.points(1)
@pytest.mark.title(en="The rule itself, beyond NumPy's limits", es="La regla misma, más allá de los límites de NumPy")
def test_beyond_numpy(submission):
    # The point is for the rule holding at any size: a right shape for each case. NumPy's own limit is named.
    for (a, b), outcome in zip(BEYOND_NUMPY, call_many(submission, "broadcast_shape", BEYOND_NUMPY)):
        call = f"broadcast_shape({_short(a)}, {_short(b)})"
        if not isinstance(outcome, SubmissionError):
            want = _rule(a, b)
            got = _as_shape(outcome)
            if got != want:
                shown = _short(got) if got is not None else repr(outcome)
                raise AssertionError(t(f"{call} returned {shown}, expected {_short(want)}",
                                       f"{call} devolvió {shown}, se esperaba {_short(want)}"))
            continue
        if not _numpy_limit(outcome):
            raise outcome
        said = str(outcome.info.get("message", ""))[:160]
        raise AssertionError(t(
            f"{call} raised {outcome.info.get('type')}: {said}. That is NumPy's own limit (64 axes, or the memory "
            "for an array of that shape): your function lets NumPy broadcast instead of applying the rule. Compute "
            "the shape from the dimensions themselves, without np.broadcast_shapes, np.broadcast or arrays of those "
            "shapes: a rule on numbers has no such limit",
            f"{call} lanzó {outcome.info.get('type')}: {said}. Ese es el límite de NumPy (64 ejes, o la memoria "
            "para un arreglo de esa forma): tu función deja que NumPy haga el broadcasting en lugar de aplicar la "
            "regla. Calcula la forma a partir de las dimensiones mismas, sin np.broadcast_shapes, np.broadcast ni "
            "arreglos de esas formas: una regla sobre números no tiene ese límite"))
