"""Notebooks for the tests, built with nbformat the way Jupyter saves them."""
from __future__ import annotations

from pathlib import Path

import nbformat

from tutor.core.course import builtin_root

BUILTIN = builtin_root()
ADAM_SOLUTION = (BUILTIN / "solutions" / "04-optimizers" / "adam.py").read_text(encoding="utf-8")


def notebook(*cells: str | tuple[str, str] | tuple[str, str, list[str]]) -> str:
    """Cells as code (a str), or ("markdown", text), or ("code", text, tags)."""
    nb = nbformat.v4.new_notebook()
    for cell in cells:
        if isinstance(cell, str):
            nb.cells.append(nbformat.v4.new_code_cell(cell))
        elif cell[0] == "markdown":
            nb.cells.append(nbformat.v4.new_markdown_cell(cell[1]))
        else:
            nb.cells.append(nbformat.v4.new_code_cell(cell[1], metadata={"tags": list(cell[2])}))
    return nbformat.writes(nb)


def adam_notebook(solution: str = ADAM_SOLUTION) -> str:
    """How a learner's Adam notebook looks: Markdown, magics, a shell escape, the code, a cell not to grade."""
    return notebook(("markdown", "# Adam, one step"), "%matplotlib inline\n!pip install numpy\nimport numpy as np",
                    solution, "# tutor: skip\nplot_my_runs()", ("code", "while True: pass", ["skip-grading"]))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def adam_dividing_by_zero() -> tuple[str, int]:
    """Adam's solution with `1 / 0` as the first line of init_state; and that line's number in the code."""
    head, sep, tail = ADAM_SOLUTION.partition("def init_state(")
    signature, colon, body = tail.partition(":\n")
    return head + sep + signature + colon + "    1 / 0\n" + body, (head + sep + signature + colon).count("\n") + 1
