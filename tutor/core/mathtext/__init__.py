"""LaTeX math as Unicode text a terminal can show: Greek letters, sub/superscripts, fractions, roots, accents.

pylatexenc parses the LaTeX (and lends its table of symbol macros); what it lacks is added here: Unicode
sub/superscripts, fractions and roots with the right parentheses, operator spacing, and for display math
($$…$$) a two-dimensional layout: stacked fractions, tall delimiters, limits above and below Σ.

`inline(latex)` gives one line; `display(latex)` gives lines; `render_markdown(text)` converts every formula
of a Markdown document (display math becomes a fenced block, so its layout survives). Plain Python, no
textual import: the lesson reader and the tests both use it.

symbols.py (tables, width) → tree.py (the parsed formula) → parse.py → layout.py (boxes) → render.py (inline,
display) → markdown.py (whole documents).
"""
from __future__ import annotations

from tutor.core.mathtext.markdown import render_markdown, render_plain
from tutor.core.mathtext.parse import parse
from tutor.core.mathtext.render import display, inline
from tutor.core.mathtext.symbols import width

__all__ = ["inline", "display", "render_markdown", "render_plain", "width", "parse"]
