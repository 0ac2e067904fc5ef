"""The formula tree laid out as boxes of text: one line inline, two dimensions for display math."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Iterator

from tutor.core.mathtext.symbols import _ACCENTS, _BIG_OPS, _SUB, _SUP, _TALL, width
from tutor.core.mathtext.tree import Accent, Atom, Delimited, Frac, Item, Rows, Scripted, Sqrt, Table

# --- layout --------------------------------------------------------------------------------------------


@dataclass
class Box:
    lines: list[str]
    baseline: int = 0

    @property
    def width(self) -> int:
        return max((width(line) for line in self.lines), default=0)

    @property
    def height(self) -> int:
        return len(self.lines)

    def padded(self) -> list[str]:
        w = self.width
        return [line + " " * (w - width(line)) for line in self.lines]


def _text(s: str) -> Box:
    return Box([s], 0)


def _hcat(boxes: list[Box]) -> Box:
    boxes = [b for b in boxes if b.lines]
    if not boxes:
        return Box([""], 0)
    above = max(b.baseline for b in boxes)
    below = max(b.height - b.baseline - 1 for b in boxes)
    rows = [""] * (above + below + 1)
    for b in boxes:
        w = b.width
        lines = b.padded()
        top = above - b.baseline
        for r in range(len(rows)):
            k = r - top
            rows[r] += lines[k] if 0 <= k < len(lines) else " " * w
    return Box(rows, above)


def _vcat(boxes: list[Box], baseline_of: int, align: str = "center") -> Box:
    """Stack boxes; the result's baseline is the baseline of boxes[baseline_of]."""
    w = max(b.width for b in boxes)
    rows: list[str] = []
    baseline = 0
    for n, b in enumerate(boxes):
        if n == baseline_of:
            baseline = len(rows) + b.baseline
        for line in b.padded():
            pad = w - width(line)
            left = pad // 2 if align == "center" else (pad if align == "right" else 0)
            rows.append(" " * left + line + " " * (pad - left))
    return Box(rows, baseline)


def _tall(delim: str, height: int, baseline: int) -> Box:
    if not delim:
        return Box([""] * height, baseline)
    if height <= 1:
        return Box([delim], 0)
    top, mid, bottom = _TALL.get(delim, delim * 3)
    lines = [top] + [mid] * (height - 2) + [bottom]
    if delim in "{}" and height >= 3:
        centre = height // 2
        lines = [top] + ["⎪"] * (height - 2) + [bottom]
        lines[centre] = mid
    return Box(lines, baseline)


def _convert(text: str, table: dict[str, str]) -> str | None:
    if not text or any(c not in table for c in text):
        return None
    return "".join(table[c] for c in text)


class _Renderer:
    def __init__(self, display: bool, tight: bool = False) -> None:
        # tight: script style, where TeX puts no space around operators (i=1, t+1)
        self.display, self.tight = display, tight

    # -- lists with spacing --
    def row(self, items: list[Item]) -> Box:
        parts = [self.item(x) for x in items]
        classes = [cls for _, cls in parts]
        # A + or - with nothing on its left is a sign, not an operation: no spaces around it.
        for n, cls in enumerate(classes):
            if cls == "bin":
                prev = next((c for c in reversed(classes[:n]) if c != "space"), None)
                if prev in (None, "bin", "rel", "open", "punct", "op", "sign"):
                    classes[n] = "sign"
        boxes: list[Box] = []
        prev_cls: str | None = None
        for (box, _), cls in zip(parts, classes):
            if prev_cls is not None and not self.tight and _space_between(prev_cls, cls):
                boxes.append(_text(" "))
            boxes.append(box)
            prev_cls = cls
        return _hcat(boxes)

    def flat(self, items: list[Item], tight: bool = False) -> str:
        """One line, whatever the mode: for scripts and inline fractions."""
        return _Renderer(False, tight or self.tight).row(items).lines[0]

    # -- one item: its box and its spacing class --
    def item(self, item: Item) -> tuple[Box, str]:
        if isinstance(item, Atom):
            return _text(item.text), ("ord" if item.cls == "num" else item.cls)
        if isinstance(item, Frac):
            return self.frac(item), "inner"
        if isinstance(item, Sqrt):
            return self.sqrt(item), "ord"
        if isinstance(item, Accent):
            return _text(self.accent(item)), "ord"
        if isinstance(item, Scripted):
            return self.scripted(item)
        if isinstance(item, Delimited):
            return self.delimited(item), "ord" if item.left or item.right else self._group_class(item.body)
        if isinstance(item, Table):
            return self.table(item), "ord"
        if isinstance(item, Rows):
            return self.rows(item), "ord"
        return _text(""), "ord"

    def _group_class(self, body: list[Item]) -> str:
        if len(body) == 1:
            return self.item(body[0])[1]
        return "ord"

    def frac(self, f: Frac) -> Box:
        if self.display:
            num, den = self.row(f.num), self.row(f.den)
            bar = "─" * max(num.width, den.width)
            return _vcat([num, _text(bar), den], 1)
        return _text(f"{self._operand(f.num)}/{self._operand(f.den)}")

    def _operand(self, items: list[Item]) -> str:
        text = self.flat(items)
        if _needs_parens(items):
            return f"({text})"
        return text

    def sqrt(self, s: Sqrt) -> Box:
        index = self.flat(s.index) if s.index else ""
        sign = {"": "√", "2": "√", "3": "∛", "4": "∜"}.get(index) or (_convert(index, _SUP) or f"({index})") + "√"
        body = self.row(s.body) if self.display else _text(self.flat(s.body))
        one = s.body[0] if len(s.body) == 1 else None
        simple = isinstance(one, (Atom, Accent)) or (isinstance(one, Scripted) and isinstance(one.base, (Atom, Accent)))
        if body.height == 1:
            return _text(sign + body.lines[0] if simple else f"{sign}({body.lines[0]})")
        return _hcat([Box([sign], 0), _tall("(", body.height, body.baseline), body,
                      _tall(")", body.height, body.baseline)])

    def accent(self, a: Accent) -> str:
        text = self.flat(a.body)
        mark = _ACCENTS[a.name]
        graphemes = [c for c in text if not unicodedata.combining(c)]
        if len(graphemes) == 1:
            head = 0
            while head < len(text) and unicodedata.combining(text[head]):
                head += 1
            return text[: head + 1] + mark + text[head + 1:]
        if a.name in ("overline", "bar", "underline"):
            return "".join(c + ("\u0332" if a.name == "underline" else "\u0305") for c in text)
        return f"{a.name}({text})"

    def scripted(self, s: Scripted) -> tuple[Box, str]:
        base, cls = self.item(s.base)
        sub = self.flat(s.sub, tight=True) if s.sub is not None else None
        sup = self.flat(s.sup, tight=True) if s.sup is not None else None
        base_text = base.lines[0] if base.height == 1 else None
        big = self.display and base_text in _BIG_OPS
        if big:
            parts = ([_text(sup)] if sup else []) + [base] + ([_text(sub)] if sub else [])
            return _vcat(parts, 1 if sup else 0), "op"
        usub = _convert(sub, _SUB) if sub is not None else ""
        usup = _convert(sup, _SUP) if sup is not None else ""
        if sup == "′" or (sup and sup.strip("′") == "" and sup):
            usup = sup
        short = not self.display or (len(sub or "") <= 4 and len(sup or "") <= 4)
        if usub is not None and usup is not None and short:
            lines = base.padded() if base.height > 1 else list(base.lines)
            lines[-1 if base.height > 1 else 0] += usub
            if usup:
                if base.height > 1:
                    w = max(width(x) for x in lines)
                    lines = [x + " " * (w - width(x)) for x in lines]
                lines[0] += usup
            return Box(lines, base.baseline), cls
        if not self.display:
            text = base.lines[0]
            if sub is not None:
                text += usub if usub is not None else "_" + (sub if len(sub) == 1 else f"({sub})")
            if sup is not None:
                text += usup if usup is not None else "^" + (sup if len(sup) == 1 else f"({sup})")
            # x_θ written out reads as one token only with room after it: ∇_θ L, not ∇_θL.
            return _text(text), ("inner" if usub is None or usup is None else cls)
        # Display math with long scripts: raise and lower them beside the base.
        column: list[Box] = []
        if sup is not None:
            column.append(_text(sup))
        column.append(Box([""] * base.height, base.baseline))
        if sub is not None:
            column.append(_text(sub))
        scripts = _vcat(column, 1 if sup is not None else 0, align="left")
        return _hcat([base, scripts]), "inner"

    def delimited(self, d: Delimited) -> Box:
        body = self.row(d.body) if self.display else _text(self.flat(d.body))
        if not d.left and not d.right:
            return body
        if body.height == 1:
            return _text(d.left + body.lines[0] + d.right)
        return _hcat([_tall(d.left, body.height, body.baseline), body, _tall(d.right, body.height, body.baseline)])

    def table(self, t: Table) -> Box:
        if not self.display:
            if t.kind == "matrix":
                inner = "; ".join(", ".join(self.flat(c) for c in row) for row in t.rows)
                return _text(f"{t.left or '['}{inner}{t.right or ']'}")
            rows = ["".join(self.flat(c) for c in row) if t.kind == "aligned" else
                    ", ".join(self.flat(c) for c in row) for row in t.rows]
            text = "; ".join(rows)
            return _text("{" + text + "}" if t.kind == "cases" else text)
        cells = [[self.row(c) for c in row] for row in t.rows]
        ncols = max(len(r) for r in cells)
        widths = [max((r[k].width for r in cells if k < len(r)), default=0) for k in range(ncols)]
        lines: list[str] = []
        for r in cells:
            row_boxes: list[Box] = []
            for k in range(ncols):
                box = r[k] if k < len(r) else _text("")
                pad = widths[k] - box.width
                if t.kind == "aligned":
                    align = "right" if k % 2 == 0 else "left"
                elif t.kind == "cases":
                    align = "left"
                else:
                    align = "center"
                left = pad if align == "right" else (pad // 2 if align == "center" else 0)
                padded = Box([" " * left + x + " " * (pad - left) for x in box.padded()], box.baseline)
                if k and t.kind != "aligned":
                    row_boxes.append(_text("  "))
                row_boxes.append(padded)
            lines += _hcat(row_boxes).padded()
        body = Box(lines, (len(lines) - 1) // 2)
        return _hcat([_tall(t.left, body.height, body.baseline), body,
                      _tall(t.right, body.height, body.baseline)]) if (t.left or t.right) else body

    def rows(self, r: Rows) -> Box:
        if not self.display:
            return _text("; ".join(self.flat(row) for row in r.rows))
        boxes = [self.row(row) for row in r.rows]
        return _vcat(boxes, 0, align="left")


def _space_between(prev: str, cur: str) -> bool:
    if "space" in (prev, cur) or prev == "sign":
        return False
    if cur == "sign":
        cur = "bin"  # a sign after an ord that is not an operation (a, -b) still gets its space
    if "space" in (prev, cur):
        return False
    if prev == "open" or cur in ("close", "punct"):
        return False
    if "rel" in (prev, cur) or "bin" in (prev, cur) or prev == "punct":
        return True
    if prev == "op" and cur in ("ord", "inner", "op"):
        return True
    if cur == "op" and prev in ("ord", "inner", "close"):
        return True
    if "inner" in (prev, cur) and {prev, cur} <= {"ord", "inner", "op", "close", "open"}:
        return prev != "open" and cur != "close"
    return False


def _needs_parens(items: list[Item]) -> bool:
    for item in items:
        if isinstance(item, Atom) and item.cls in ("bin", "rel", "space", "punct"):
            return True
        if isinstance(item, (Frac, Rows, Table)):
            return True
        if isinstance(item, Delimited) and not item.left and not item.right and _needs_parens(item.body):
            return True
    # A leading sign alone (-x) reads fine without parentheses.
    return False


def _flat(items: list[Item]) -> Iterator[str]:
    yield _Renderer(False).row(items).lines[0]


