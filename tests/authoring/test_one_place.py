"""The one-place variant `tutor lesson check` grades: the reference with one function taken from a variant, built
from the syntax trees for any exercise."""
from __future__ import annotations

import ast

from tutor.authoring.one_place import differing_functions, one_place_source

REFERENCE = '''"""Reference."""
from __future__ import annotations

import numpy as np

SCALE = 2.0


def first(x):
    """Doubles."""
    return SCALE * x


def second(x):
    return np.sqrt(x)


def third(x):
    return x + 1
'''

VARIANT = '''"""Misconception: two functions wrong, one with a helper of its own."""
from __future__ import annotations

import math

import numpy as np

SCALE = 2.0
OFFSET = 3


def _shift(x):
    return x + OFFSET


def first(x):
    """Doubles, worded differently."""
    return SCALE * x  # the same code


def second(x):
    return _shift(math.pi * x)


def third(x):
    return x - 1
'''


def _run(source: str) -> dict:
    namespace: dict = {}
    exec(compile(source, "<one-place>", "exec"), namespace)
    return namespace


def test_a_reworded_docstring_or_comment_is_no_difference():
    assert differing_functions(REFERENCE, VARIANT, ["first", "second", "third"]) == ["second", "third"]
    assert differing_functions(REFERENCE, VARIANT, ["first", "third"]) == ["third"]  # only the learner's functions


def test_one_function_from_the_variant_with_the_helpers_and_imports_it_needs():
    source = one_place_source(REFERENCE, VARIANT, "second")
    ns = _run(source)
    assert ns["second"](1.0) == 3.141592653589793 + 3  # the variant's, with its helper and its import
    assert ns["first"](2.0) == 4.0 and ns["third"](1.0) == 2  # the reference's
    tree = ast.parse(source)
    assert isinstance(tree.body[1], ast.ImportFrom) and tree.body[1].module == "__future__"  # still first
    assert [n.name for n in tree.body if isinstance(n, ast.FunctionDef)] == ["first", "_shift", "second", "third"]


def test_the_other_function_alone():
    ns = _run(one_place_source(REFERENCE, VARIANT, "third"))
    assert ns["third"](1.0) == 0 and ns["second"](4.0) == 2.0 and ns["first"](1.0) == 2.0
