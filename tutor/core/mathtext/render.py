"""A formula as Unicode: one line (`inline`) or, for display math, lines (`display`)."""
from __future__ import annotations

import unicodedata
from tutor.core.mathtext.layout import _Renderer
from tutor.core.mathtext.parse import parse


def inline(latex: str) -> str:
    """One line of Unicode for a formula: `\\frac{m_t}{1-\\beta_1^t}` -> `m_t/(1 - β₁ᵗ)` (with ₜ)."""
    # NFC: a precomposed ŷ where Unicode has one draws better than y + a combining hat
    return unicodedata.normalize("NFC", _Renderer(False).row(parse(latex)).lines[0].strip())


def display(latex: str) -> list[str]:
    """Lines of Unicode for a display formula: fractions stacked, tall parentheses, limits on Σ."""
    box = _Renderer(True).row(parse(latex))
    lines = [unicodedata.normalize("NFC", line.rstrip()) for line in box.padded()]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


