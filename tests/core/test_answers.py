from __future__ import annotations

import pytest

from tutor.core.answers import AnswerFormatError, check_answer
from tutor.core.manifest import Question, Text, TextList

T = Text("p", "p")


def q(kind: str, answer, **kw) -> Question:
    return Question("q", kind, T, T, answer, **kw)


@pytest.mark.parametrize("given, ok", [("(n, 10)", True), ("(m,10)", True), ("[batch, 10]", True),
                                       ("(10, n)", False), ("(n, 10, 1)", False), ("(n, 11)", False)])
def test_shape_answers_accept_any_symbol(given: str, ok: bool) -> None:
    assert check_answer(q("shape", "(n, 10)"), given).correct is ok


def test_shape_symbols_must_be_consistent() -> None:
    key = q("shape", "(n, h, w, 3)")
    assert check_answer(key, "(batch, 64, 64, 3)").correct is False  # numbers where the key has names
    assert check_answer(key, "(s, a, b, 3)").correct
    assert check_answer(key, "(s, a, a, 3)").correct is False  # two axes given one name
    assert check_answer(key, "(n, w, h, 3)").correct is False  # the key's own names, swapped


def test_expression_equivalence_with_sympy() -> None:
    key = q("expression", "1/(1 - beta)", symbols=("beta",))
    assert check_answer(key, "1/(1-beta)").correct
    assert check_answer(key, "(1 - beta)^-1").correct
    assert not check_answer(key, "1/(1+beta)").correct
    with pytest.raises(AnswerFormatError):
        check_answer(key, "1/(1-")


def test_number_tolerance_and_choices() -> None:
    assert check_answer(q("number", 0.1, tolerance=1e-3), "0,1001").correct
    assert not check_answer(q("number", 0.1, tolerance=1e-6), "0.11").correct
    with pytest.raises(AnswerFormatError):
        check_answer(q("number", 0.1), "a tenth")
    choices = TextList(("a", "b", "c"), ("a", "b", "c"))
    assert check_answer(q("single", 1, choices=choices), 1).correct
    assert check_answer(q("multiple", [0, 2], choices=choices), [2, 0]).correct
    assert not check_answer(q("multiple", [0, 2], choices=choices), [0]).correct
