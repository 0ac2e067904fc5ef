from __future__ import annotations

from tutor.core.hints import ladder, plain, spans
from tutor.core.manifest import ExerciseSpec, Misconception, Text, TextList

SPEC = ExerciseSpec(
    id="double", title=Text("Double", "Doble"),
    hints=TextList(("The idea.", "The formula $\\alpha x$.", "Write `return 2 * x`."),
                   ("La idea.", "La fórmula $\\alpha x$.", "Escribe `return 2 * x`.")),
    points=10, timeout=30.0, memory_mb=1024, runtime="numpy", device="cpu", file="double.py",
    misconceptions=(Misconception("squared", Text("You squared x.", "Elevaste x al cuadrado.")),))


def test_the_misconception_of_the_last_grade_comes_first_in_the_learners_language() -> None:
    graded_in_english = {"status": "failed", "misconception": {"id": "squared", "hint": "You squared x."}}
    steps = ladder(SPEC, "es", graded_in_english)
    assert steps.misconception == "Elevaste x al cuadrado."
    assert steps.rungs == SPEC.hints.es


def test_no_misconception_without_one_or_after_a_pass() -> None:
    assert ladder(SPEC, "en", None).misconception is None
    assert ladder(SPEC, "en", {"status": "failed", "misconception": None}).misconception is None
    passed = {"status": "passed", "misconception": {"id": "squared", "hint": "You squared x."}}
    assert ladder(SPEC, "en", passed).misconception is None


def test_code_spans_and_math_render_for_a_plain_terminal() -> None:
    assert plain("Write `return 2 * x`, with $\\alpha$.") == "Write return 2 * x, with α."
    assert ("return 2 * x", True) in spans("Write `return 2 * x`.")
