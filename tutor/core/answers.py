"""Quiz answers: checking a learner's answer against a question's key, for every quiz kind.

sympy is imported only when an expression answer is checked, so loading a course stays fast.
"""
from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.core.manifest import Question


class AnswerKeyError(ValueError):
    def __init__(self, problem: str, fix: str) -> None:
        super().__init__(problem)
        self.fix = fix


class AnswerFormatError(ValueError):
    """The learner's answer cannot be read for this kind of question (not a wrong answer)."""


@dataclass(frozen=True)
class AnswerCheck:
    correct: bool
    normalized: str


_DIM_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$|^\d+$")


def parse_shape(text: str) -> tuple[str, ...]:
    """`(n, 10)` -> ("n", "10"); symbols and whole numbers allowed; `()` is a scalar's shape."""
    body = text.strip()
    if body.startswith("(") and body.endswith(")"):
        body = body[1:-1]
    elif body.startswith("[") and body.endswith("]"):
        body = body[1:-1]
    parts = [p.strip() for p in body.split(",")]
    if parts and parts[-1] == "":
        parts = parts[:-1]
    if parts == [""]:
        return ()
    for p in parts:
        if not _DIM_RE.match(p):
            raise AnswerFormatError(f"'{p}' is not a dimension: use whole numbers or names, e.g. (n, 28, 28, 3)")
    return tuple(p.lower() if not p.isdigit() else str(int(p)) for p in parts)


def _shape_match(given: tuple[str, ...], key: tuple[str, ...]) -> bool:
    # Symbols in the key stand for "any name" in the same place, consistently: (n, t, f) accepts (m, s, k).
    # A name the key itself uses must sit where the key has it, so (n, w, h, 3) is not (n, h, w, 3).
    if len(given) != len(key):
        return False
    key_names = {k for k in key if not k.isdigit()}
    mapping: dict[str, str] = {}
    for g, k in zip(given, key):
        if k.isdigit() or g.isdigit():
            if g != k:
                return False
        elif g in key_names and g != k:
            return False
        elif mapping.setdefault(k, g) != g or list(mapping.values()).count(g) > 1:
            return False
    return True


def _expr(text: str, symbols: tuple[str, ...]) -> Any:
    import sympy
    from sympy.parsing.sympy_parser import (convert_xor, implicit_multiplication_application,
                                            parse_expr, standard_transformations)

    local = {name: sympy.Symbol(name) for name in symbols}
    local.update({"e": sympy.E, "pi": sympy.pi, "sqrt": sympy.sqrt})
    try:
        return parse_expr(text, local_dict=local,
                          transformations=standard_transformations + (convert_xor, implicit_multiplication_application))
    except Exception as exc:  # sympy raises many kinds; all mean "cannot read this"
        raise AnswerFormatError(f"cannot read '{text}' as a formula ({type(exc).__name__})") from None


def _number(text: str) -> float:
    try:
        return float(str(text).strip().replace(",", "."))
    except ValueError:
        raise AnswerFormatError(f"'{text}' is not a number; write e.g. 0.1 or 1e-3") from None


def validate_key(q: Question) -> None:
    """Raise AnswerKeyError when the question's answer key cannot be right for its kind."""
    a = q.answer
    if q.kind == "single":
        n = len(q.choices.en) if q.choices else 0
        if isinstance(a, bool) or not isinstance(a, int) or not 0 <= a < n:
            raise AnswerKeyError(f"expected the index of the right choice (0..{n - 1}), found {a!r}", "answer = 0")
    elif q.kind == "multiple":
        n = len(q.choices.en) if q.choices else 0
        if not isinstance(a, list) or not a or not all(isinstance(i, int) and 0 <= i < n for i in a):
            raise AnswerKeyError(f"expected a list of choice indexes (0..{n - 1}), found {a!r}", "answer = [0, 2]")
    elif q.kind == "number":
        if isinstance(a, bool) or not isinstance(a, (int, float)) or not math.isfinite(a):
            raise AnswerKeyError(f"expected a number, found {a!r}", "answer = 0.1")
    elif q.kind == "shape":
        if not isinstance(a, str):
            raise AnswerKeyError(f"expected a shape string, found {a!r}", 'answer = "(n, 10)"')
        try:
            parse_shape(a)
        except AnswerFormatError as exc:
            raise AnswerKeyError(str(exc), 'answer = "(n, 10)"') from None
    elif q.kind == "expression":
        if not isinstance(a, str) or not a.strip():
            raise AnswerKeyError(f"expected a formula string, found {a!r}", 'answer = "1/(1 - beta)"')
        try:
            ast.parse(a.replace("^", "**"), mode="eval")
        except SyntaxError:
            raise AnswerKeyError(f"'{a}' is not a formula", 'answer = "1/(1 - beta)"') from None
        names = {n.id for n in ast.walk(ast.parse(a.replace("^", "**"), mode="eval")) if isinstance(n, ast.Name)}
        unknown = names - set(q.symbols) - {"sqrt", "e", "pi", "exp", "log"}
        if unknown:
            raise AnswerKeyError(f"uses {', '.join(sorted(unknown))} but symbols does not list it",
                                 f"add symbols = {sorted(set(q.symbols) | unknown)!r}")


def check_answer(q: Question, given: Any) -> AnswerCheck:
    """Compare a learner's answer with the key. Raises AnswerFormatError when the answer cannot be read."""
    if q.kind == "single":
        idx = int(given)
        return AnswerCheck(idx == q.answer, str(idx))
    if q.kind == "multiple":
        picked = sorted({int(i) for i in given})
        return AnswerCheck(picked == sorted(set(q.answer)), str(picked))
    if q.kind == "number":
        value = _number(given)
        tol = q.tolerance or 1e-9 * max(1.0, abs(q.answer))
        return AnswerCheck(abs(value - q.answer) <= tol, repr(value))
    if q.kind == "shape":
        shape = parse_shape(str(given))
        return AnswerCheck(_shape_match(shape, parse_shape(q.answer)), "(" + ", ".join(shape) + ")")
    import sympy

    got, want = _expr(str(given), q.symbols), _expr(q.answer, q.symbols)
    try:
        same = sympy.simplify(got - want) == 0
    except Exception:
        same = False
    if not same:  # simplify can miss identities; numeric spot checks decide then
        same = _numerically_equal(got, want, q.symbols)
    return AnswerCheck(bool(same), str(got))


def _numerically_equal(a: Any, b: Any, symbols: tuple[str, ...]) -> bool:
    import random

    import sympy

    syms = [sympy.Symbol(s) for s in symbols]
    rng = random.Random(0)
    for _ in range(8):
        point = {s: rng.uniform(0.1, 0.9) for s in syms}
        try:
            x, y = complex(a.subs(point).evalf()), complex(b.subs(point).evalf())
        except (TypeError, ValueError):
            return False
        if abs(x - y) > 1e-9 * max(1.0, abs(y)):
            return False
    return True
