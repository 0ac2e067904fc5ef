"""The learner's code beside the reference solution, lines aligned, differences coloured."""
from __future__ import annotations

import difflib

from rich.table import Table
from rich.text import Text
from textual.widgets import Static


def side_by_side(mine: str, theirs: str) -> list[tuple[str | None, str | None, str]]:
    """Aligned rows (left line, right line, tag): tag is equal, replace, delete (only left) or insert (only right)."""
    a, b = mine.splitlines(), theirs.splitlines()
    rows: list[tuple[str | None, str | None, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            rows += [(a[i], b[j], "equal") for i, j in zip(range(i1, i2), range(j1, j2))]
        else:
            left, right = a[i1:i2], b[j1:j2]
            for k in range(max(len(left), len(right))):
                l_line = left[k] if k < len(left) else None
                r_line = right[k] if k < len(right) else None
                rows.append((l_line, r_line, "replace" if l_line is not None and r_line is not None else
                             ("delete" if r_line is None else "insert")))
    return rows


class DiffView(Static):
    """Attributes down: `left`, `right` and their titles; `redraw()` after setting them."""

    def __init__(self, left: str, right: str, left_title: str, right_title: str, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.left, self.right, self.left_title, self.right_title = left, right, left_title, right_title

    def on_mount(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        table = Table(expand=True, show_lines=False, pad_edge=False, box=None, padding=(0, 1))
        table.add_column("", justify="right", style="bright_black", no_wrap=True, width=4)
        table.add_column(self.left_title, ratio=1, overflow="fold")
        table.add_column("", justify="right", style="bright_black", no_wrap=True, width=4)
        table.add_column(self.right_title, ratio=1, overflow="fold")
        n_left = n_right = 0
        styles = {"equal": ("", ""), "replace": ("on #5f1f1f", "on #1f4f1f"), "delete": ("on #5f1f1f", ""),
                  "insert": ("", "on #1f4f1f")}
        for left, right, tag in side_by_side(self.left, self.right):
            ls, rs = styles[tag]
            left_no = right_no = ""
            if left is not None:
                n_left += 1
                left_no = str(n_left)
            if right is not None:
                n_right += 1
                right_no = str(n_right)
            table.add_row(left_no, Text(left if left is not None else "", style=ls), right_no,
                          Text(right if right is not None else "", style=rs))
        self.update(table)
