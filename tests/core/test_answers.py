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


@pytest.mark.parametrize("given, words", [
    ("(28, 28, 1)", "batch axis is missing"), ("(10, n)", "Axes 0 and 1 are swapped"),
    ("(n, 3, h, w)", "channels are in the wrong place"), ("(n, h, w)", "rank is off by 1"),
    ("(n, w, h, 3)", "axes 1 and 2 are swapped")])
def test_a_wrong_shape_gets_feedback_aimed_at_its_mistake(given: str, words: str) -> None:
    key = "(n, 10)" if given == "(10, n)" else "(n, 28, 28, 1)" if given.startswith("(28") else "(n, h, w, 3)"
    result = check_answer(q("shape", key), given)
    assert not result.correct and words in result.feedback_text("en"), result.feedback


@pytest.mark.parametrize("given, key, words", [
    ("0.99", 0.999, "One 9 too few"), ("-7", 7, "sign"), ("0.01", 0.001, "10^1"), ("50", 0.5, "percentage"),
    ("60", 1 / 60, "reciprocal"), ("468", 469, "Off by one")])
def test_a_wrong_number_gets_feedback_aimed_at_a_known_slip(given: str, key: float, words: str) -> None:
    result = check_answer(q("number", key), given)
    assert not result.correct and words in result.feedback_text("en")
    assert result.feedback_text("es") and result.feedback_text("es") != result.feedback_text("en")


@pytest.mark.parametrize("given", ["1/60", "1e-3", "10**-3", "10^-3", "0,001", "1/1000"])
def test_numbers_may_be_written_as_fractions_or_powers(given: str) -> None:
    key = 1 / 60 if given == "1/60" else 0.001
    assert check_answer(q("number", key, tolerance=1e-9), given).correct


def test_greek_letters_read_as_their_names_and_a_foreign_symbol_is_named() -> None:
    key = q("expression", "alpha*(1 - beta)", symbols=("alpha", "beta"))
    assert check_answer(key, "α(1 − β)").correct
    assert check_answer(q("expression", "(1 - beta1)/sqrt(1 - beta2)", symbols=("beta1", "beta2")),
                        "(1-β₁)/√(1-β₂)").correct
    with pytest.raises(AnswerFormatError) as err:
        check_answer(key, "alpha*(1 - gamma)")
    assert "'gamma'" in err.value.text("en") and "no es un símbolo" in err.value.text("es")
    assert "sign" in check_answer(key, "-alpha*(1 - beta)").feedback_text("en")
    assert "reciprocal" in check_answer(key, "1/(alpha*(1 - beta))").feedback_text("en")


def test_an_expression_off_by_a_power_of_a_symbol_is_named_without_the_answer() -> None:
    key = q("expression", "1/(1 - beta)", symbols=("beta",))
    slip = check_answer(key, "beta/(1 - beta)")  # the geometric series started at beta instead of 1
    assert not slip.correct and "factor of beta" in slip.feedback_text("en")
    assert "factor beta" in slip.feedback_text("es")
    unrelated = check_answer(key, "1/beta")  # the ratio (1 - beta)/beta would give the answer away
    assert "factor" not in unrelated.feedback_text("en") and "1 - beta" not in unrelated.feedback_text("en")


MANY = q("multiple", [0, 2, 3], choices=TextList(("a", "b", "c", "d", "e"), ("a", "b", "c", "d", "e")),
         feedback=TextList(("Right.", "B is a vector.", "Right.", "Right.", "E is a scalar."),
                           ("Correcto.", "B es un vector.", "Correcto.", "Correcto.", "E es un escalar.")))


def test_a_wrong_multiple_choice_answer_names_every_wrong_pick_and_what_is_missing() -> None:
    both = check_answer(MANY, [0, 1, 4])
    assert both.correct is False
    assert both.feedback_text("en") == "1 of your 3 choices is right. B is a vector. E is a scalar. " \
                                       "2 right choices are missing."
    assert both.feedback_text("es") == "1 de tus 3 opciones es correcta. B es un vector. E es un escalar. " \
                                       "Faltan 2 opciones correctas."
    short = check_answer(MANY, [0, 2])  # nothing wrong, one missing
    assert short.feedback_text("en") == "Your 2 choices are right. 1 right choice is missing."
    assert short.feedback_text("es") == "Tus 2 opciones son correctas. Falta 1 opción correcta."
    none = check_answer(MANY, [1])
    assert none.feedback_text("es") == "Tu opción no es correcta. B es un vector. Faltan 3 opciones correctas."
    extra = check_answer(MANY, [0, 2, 3, 4])  # every right one, and one too many
    assert extra.feedback_text("en") == "3 of your 4 choices are right. E is a scalar."


def test_multiple_choice_feedback_never_shows_a_right_choices_own_feedback() -> None:
    for given in ([1], [0, 1], [1, 4], [0, 2], [2, 3, 4]):
        said = check_answer(MANY, given)
        assert "Right." not in said.feedback_text("en") and "Correcto." not in said.feedback_text("es")


def test_multiple_choice_without_feedback_names_the_wrong_pick() -> None:
    choices = TextList(("a", "b", "c", "d"), ("uno", "dos", "tres", "cuatro"))
    result = check_answer(q("multiple", [0, 2], choices=choices), [0, 1])
    assert result.feedback_text("en") == "1 of your 2 choices is right. “b” is not one of them. " \
                                         "1 right choice is missing."
    assert result.feedback_text("es") == "1 de tus 2 opciones es correcta. «dos» no es una de ellas. " \
                                         "Falta 1 opción correcta."


def test_malformed_answers_speak_spanish() -> None:
    with pytest.raises(AnswerFormatError) as err:
        check_answer(q("number", 0.1), "a tenth")
    assert err.value.text("es").startswith("'a tenth' no es un número")


def test_choices_are_shuffled_per_learner_and_stay_put() -> None:
    from tutor.core.answers import choice_order, parse_choices

    question = q("single", 0, choices=TextList(tuple("abcdef"), tuple("abcdef")))
    orders = {choice_order(question, f"learner-{n}") for n in range(20)}
    assert len(orders) > 1 and choice_order(question, "learner-0") == choice_order(question, "learner-0")
    order = choice_order(question, "learner-0")
    assert sorted(order) == list(range(6))
    assert parse_choices(question, str(order.index(0) + 1), order) == 0  # as numbered on the learner's screen


def test_one_helper_says_counts_in_both_languages() -> None:
    from tutor.core.i18n import NOUNS, count

    assert [count("es", n, "time") for n in (1, 2, 1.5)] == ["1 vez", "2 veces", "1.5 veces"]
    assert [count("en", n, "try") for n in (1, 3)] == ["1 try", "3 tries"]
    for noun, ((one, many), (uno, varios)) in NOUNS.items():  # every word has both numbers in both languages
        assert one != many and uno != varios, noun
