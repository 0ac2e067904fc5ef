"""LaTeX math as Unicode text a terminal can show: Greek letters, sub/superscripts, fractions, roots, accents.

pylatexenc parses the LaTeX (and lends its table of symbol macros); what it lacks is added here: Unicode
sub/superscripts, fractions and roots with the right parentheses, operator spacing, and for display math
($$…$$) a two-dimensional layout: stacked fractions, tall delimiters, limits above and below Σ.

`inline(latex)` gives one line; `display(latex)` gives lines; `render_markdown(text)` converts every formula
of a Markdown document (display math becomes a fenced block, so its layout survives). Plain Python, no
textual import: the lesson reader and the tests both use it.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterator, Union

# --- symbols ------------------------------------------------------------------------------------------

# Where pylatexenc's table differs from what a learner expects to read (ϵ -> ε, ∑ -> Σ), or lacks a symbol.
_SYMBOLS: dict[str, str] = {
    "epsilon": "ε", "varepsilon": "ε", "phi": "φ", "varphi": "φ", "sum": "Σ", "prod": "Π", "prime": "′",
    "gets": "←", "to": "→", "cdot": "·", "cdots": "⋯", "ldots": "…", "dots": "…", "vdots": "⋮",
    "ddots": "⋱", "|": "‖", "lVert": "‖", "rVert": "‖", "Vert": "‖", "lvert": "|", "rvert": "|",
    "vert": "|", "{": "{", "}": "}", "lbrace": "{", "rbrace": "}", "langle": "⟨", "rangle": "⟩",
    "%": "%", "_": "_", "$": "$", "#": "#", "&": "&", "top": "ᵀ", "intercal": "ᵀ", "circ": "∘",
    "star": "⋆", "ast": "∗", "coloneqq": ":=", "eqqcolon": "=:", "triangleq": "≜", "mid": "|",
    "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "emptyset": "∅", "varnothing": "∅",
}
_BIN = {"+", "-", "*", "·", "×", "÷", "±", "∓", "⊙", "⊗", "⊕", "∘", "∗", "⋆", "∧", "∨", "∩", "∪", "∖"}
_REL = {"=", "<", ">", ":=", "=:", "≤", "≥", "≠", "≈", "≡", "∼", "≃", "≅", "∝", "→", "←", "↔", "⇒", "⇐",
        "⇔", "↦", "∈", "∉", "⊂", "⊆", "⊃", "⊇", "≪", "≫", "≜", ":", "⟶", "⟵", "⟹", "⟸", "⟺", "∣"}
_OPEN = {"(", "[", "{", "⟨", "⌊", "⌈"}
_CLOSE = {")", "]", "}", "⟩", "⌋", "⌉"}
# Operators whose limits go above and below in display math.
_BIG_OPS = {"Σ", "Π", "∐", "⋃", "⋂", "lim", "max", "min", "sup", "inf", "argmax", "argmin", "arg max",
            "arg min", "limsup", "liminf"}
_NAMED_OPS = {"log", "ln", "exp", "sin", "cos", "tan", "tanh", "sinh", "cosh", "max", "min", "sup", "inf",
              "lim", "det", "arg", "dim", "ker", "deg", "gcd", "Pr", "limsup", "liminf", "sgn", "sign",
              "argmax", "argmin"}
_SPACES = {",": " ", ":": " ", ";": " ", ">": " ", " ": " ", "quad": "    ", "qquad": "      ", "!": "",
           "enspace": " ", "thinspace": " ", "medspace": " ", "thickspace": " "}
_ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0305", "tilde": "\u0303",
            "widetilde": "\u0303", "vec": "\u20d7", "dot": "\u0307", "ddot": "\u0308", "check": "\u030c",
            "breve": "\u0306", "acute": "\u0301", "grave": "\u0300", "underline": "\u0332",
            "overrightarrow": "\u20d7"}
_STYLES_IGNORED = {"mathrm", "mathbf", "boldsymbol", "bm", "mathit", "mathsf", "mathtt", "textbf", "textit",
                   "textrm", "textsf", "texttt", "text", "mbox", "mathnormal", "emph", "operatorname",
                   "displaystyle", "textstyle", "scriptstyle", "limits", "nolimits", "left", "right",
                   "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr"}
_BLACKBOARD = {"R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "P": "ℙ", "E": "𝔼", "1": "𝟙"}
_CALLIGRAPHIC = {"L": "ℒ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "R": "ℛ", "B": "ℬ", "E": "ℰ", "M": "ℳ"}

_SUB = dict(zip("0123456789+-=()aehijklmnoprstuvxβγρφχ,", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ,"))
_SUP = dict(zip("0123456789+-=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWβγδθφχ*′,ᵀ",
                "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵝᵞᵟᶿᵠᵡ*′,ᵀ"))
# Tall delimiters: (top, middle, bottom) pieces for a formula more than one line high.
_TALL = {"(": "⎛⎜⎝", ")": "⎞⎟⎠", "[": "⎡⎢⎣", "]": "⎤⎥⎦", "{": "⎧⎨⎩", "}": "⎫⎬⎭", "|": "│││", "‖": "‖‖‖",
         "⌊": "⎢⎢⎣", "⌋": "⎥⎥⎦", "⌈": "⎡⎢⎢", "⌉": "⎤⎥⎥", "⟨": "⟨⟨⟨", "⟩": "⟩⟩⟩"}
_MATRIX_DELIMS = {"matrix": ("", ""), "pmatrix": ("(", ")"), "bmatrix": ("[", "]"), "Bmatrix": ("{", "}"),
                  "vmatrix": ("|", "|"), "Vmatrix": ("‖", "‖"), "smallmatrix": ("", ""), "array": ("", "")}


@lru_cache(maxsize=1)
def _pylatexenc_symbols() -> Any:
    from pylatexenc.latex2text import get_default_latex_context_db

    return get_default_latex_context_db()


def _symbol(name: str) -> str | None:
    if name in _SYMBOLS:
        return _SYMBOLS[name]
    spec = _pylatexenc_symbols().get_macro_spec(name)
    repl = getattr(spec, "simplify_repl", None) if spec is not None else None
    if isinstance(repl, str) and "%" not in repl and repl.strip():
        return repl.strip()
    return None


def width(text: str) -> int:
    """Terminal cells: combining marks take none, wide characters two."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# --- the parsed formula ---------------------------------------------------------------------------------


@dataclass
class Atom:
    text: str
    cls: str = "ord"  # ord | bin | rel | open | close | punct | op | space


@dataclass
class Frac:
    num: list[Item]
    den: list[Item]


@dataclass
class Sqrt:
    body: list[Item]
    index: list[Item] | None = None


@dataclass
class Accent:
    name: str
    body: list[Item]


@dataclass
class Scripted:
    base: Item
    sub: list[Item] | None = None
    sup: list[Item] | None = None


@dataclass
class Delimited:
    left: str
    body: list[Item]
    right: str


@dataclass
class Table:
    kind: str  # matrix | aligned | cases
    rows: list[list[list[Item]]]
    left: str = ""
    right: str = ""


@dataclass
class Rows:
    """Formula lines separated by \\\\ outside an environment."""

    rows: list[list[Item]] = field(default_factory=list)


Item = Union[Atom, Frac, Sqrt, Accent, Scripted, Delimited, Table, Rows]


class _Marker(Atom):
    """^, _, \\left, \\right, &, \\\\ while parsing; never rendered."""


# --- parsing -----------------------------------------------------------------------------------------------


def _tokens(nodes: list[Any]) -> list[tuple[str, Any]]:
    """pylatexenc nodes as a flat stream: ('char', c) | ('macro', node) | ('group', node) | ('env', node)."""
    out: list[tuple[str, Any]] = []
    for node in nodes or []:
        kind = type(node).__name__
        if kind == "LatexCharsNode":
            out += [("char", c) for c in node.chars]
        elif kind == "LatexSpecialsNode":
            out += [("char", c) for c in node.specials_chars]
        elif kind == "LatexMacroNode":
            out.append(("macro", node))
        elif kind == "LatexGroupNode":
            out.append(("group", node))
        elif kind == "LatexEnvironmentNode":
            out.append(("env", node))
        elif kind == "LatexMathNode":
            out += _tokens(node.nodelist)
        # comments are dropped
    return out


class _Parser:
    def __init__(self, tokens: list[tuple[str, Any]]) -> None:
        self.tokens, self.i = tokens, 0

    def next(self) -> tuple[str, Any] | None:
        while self.i < len(self.tokens):
            tok = self.tokens[self.i]
            self.i += 1
            if tok[0] == "char" and tok[1].isspace():
                continue
            return tok
        return None

    def peek_char(self) -> str | None:
        j = self.i
        while j < len(self.tokens) and self.tokens[j][0] == "char" and self.tokens[j][1].isspace():
            j += 1
        return self.tokens[j][1] if j < len(self.tokens) and self.tokens[j][0] == "char" else None

    def arg(self, node: Any, n: int) -> list[Item] | None:
        """The macro's n-th argument: parsed by pylatexenc when it knows the macro, else the next token."""
        args = node.nodeargd.argnlist if getattr(node, "nodeargd", None) is not None else None
        if args and len(args) > n and args[n] is not None:
            return parse_nodes([args[n]])
        if args and len(args) > n:
            return None  # an optional argument that was not given
        tok = self.next()
        if tok is None:
            return []
        return _Parser([tok]).items()

    def text_arg(self, node: Any) -> str:
        """A \\text{...} argument: spaces kept."""
        args = node.nodeargd.argnlist if getattr(node, "nodeargd", None) is not None else None
        arg = args[-1] if args and args[-1] is not None else None
        if arg is None:
            tok = self.next()
            arg = tok[1] if tok and tok[0] in ("group", "macro") else None
            if tok and tok[0] == "char":
                return tok[1]
        if arg is None:
            return ""
        return _plain_text(arg)

    def items(self) -> list[Item]:
        out: list[Item] = []
        while (tok := self.next()) is not None:
            kind, value = tok
            if kind == "char":
                self._char(value, out)
            elif kind == "group":
                out.append(_grouped(parse_nodes(value.nodelist)))
            elif kind == "env":
                out.append(_environment(value))
            else:
                self._macro(value, out)
        return _finish(out)

    def _char(self, c: str, out: list[Item]) -> None:
        if c in "^_":
            out.append(_Marker(c, "marker"))
        elif c.isdigit() or (c == "." and out and isinstance(out[-1], Atom) and out[-1].cls == "num"):
            if out and isinstance(out[-1], Atom) and out[-1].cls == "num":
                out[-1].text += c
            else:
                out.append(Atom(c, "num"))
        elif c == ":" and self.peek_char() == "=":
            self.next()
            out.append(Atom(":=", "rel"))
        elif c == "'":
            out.append(_Marker("'", "marker"))
        elif c == "&":
            out.append(_Marker("&", "marker"))
        elif c == "~":
            out.append(Atom(" ", "space"))
        elif c == "*":
            out.append(Atom("·", "bin"))
        else:
            out.append(Atom(c, _class_of(c)))

    def _macro(self, node: Any, out: list[Item]) -> None:
        name = node.macroname
        if name in ("frac", "dfrac", "tfrac", "cfrac"):
            out.append(Frac(self.arg(node, 0) or [], self.arg(node, 1) or []))
        elif name == "binom":
            top, bottom = self.arg(node, 0) or [], self.arg(node, 1) or []
            out.append(Delimited("(", [Table("matrix", [[top], [bottom]])], ")"))
        elif name == "sqrt":
            index = self.arg(node, 0) if getattr(node, "nodeargd", None) is not None else None
            body = self.arg(node, 1) if getattr(node, "nodeargd", None) is not None else self.arg(node, 0)
            out.append(Sqrt(body or [], index))
        elif name in _ACCENTS:
            out.append(Accent(name, self.arg(node, 0) or []))
        elif name in ("text", "textrm", "textit", "textbf", "mbox", "textsf", "texttt"):
            out.append(Atom(self.text_arg(node), "ord"))
        elif name == "operatorname":
            text = "".join(_flat(self.arg(node, 0) or []))
            out.append(Atom(text, "op"))
        elif name in ("mathbb", "mathcal", "mathscr", "mathfrak"):
            body = self.arg(node, 0) or []
            table = _BLACKBOARD if name == "mathbb" else _CALLIGRAPHIC
            letters = "".join(_flat(body))
            out.append(Atom("".join(table.get(c, c) for c in letters), "ord"))
        elif name in ("mathrm", "mathbf", "boldsymbol", "bm", "mathit", "mathsf", "mathtt", "mathnormal", "emph"):
            body = self.arg(node, 0) or []
            out.append(_grouped(body))
        elif name in ("left", "right", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "big", "Big", "bigg",
                      "Bigg"):
            delim = self._delimiter()
            if name == "left":
                out.append(_Marker(delim, "left"))
            elif name == "right":
                out.append(_Marker(delim, "right"))
            elif delim:
                out.append(Atom(delim, _class_of(delim)))
        elif name == "\\":
            out.append(_Marker("\\\\", "marker"))
        elif name in _SPACES:
            out.append(Atom(_SPACES[name], "space"))
        elif name in _NAMED_OPS:
            out.append(Atom(name, "op"))
        elif name in ("displaystyle", "textstyle", "scriptstyle", "limits", "nolimits", "nonumber", "notag"):
            pass
        elif name == "not":
            nxt = self.next()
            inner = _Parser([nxt]).items() if nxt else []
            text = "".join(_flat(inner))
            out.append(Atom({"=": "≠", "∈": "∉", "<": "≮", ">": "≯"}.get(text, text + "\u0338"), "rel"))
        elif (symbol := _symbol(name)) is not None:
            out.append(Atom(symbol, "op" if symbol in ("Σ", "Π", "∫", "∬", "∮", "∐", "⋃", "⋂") else
                            _class_of(symbol)))
        else:
            out.append(Atom("\\" + name, "op"))  # unknown: show it as written rather than lose it

    def _delimiter(self) -> str:
        tok = self.next()
        if tok is None:
            return ""
        kind, value = tok
        if kind == "char":
            return "" if value == "." else value
        if kind == "macro":
            return _symbol(value.macroname) or ""
        return ""


def _class_of(c: str) -> str:
    if c in _BIN:
        return "bin"
    if c in _REL:
        return "rel"
    if c in _OPEN:
        return "open"
    if c in _CLOSE:
        return "close"
    if c in ",;":
        return "punct"
    return "ord"


def _grouped(items: list[Item]) -> Item:
    """A {…} group: one item for scripts and fractions to take as a whole."""
    if len(items) == 1:
        return items[0]
    return Delimited("", items, "")


def _plain_text(node: Any) -> str:
    kind = type(node).__name__
    if kind == "LatexCharsNode":
        return node.chars
    if kind == "LatexGroupNode":
        return "".join(_plain_text(n) for n in node.nodelist)
    if kind == "LatexMacroNode":
        if node.macroname in _SPACES:
            return _SPACES[node.macroname] or ""
        return _symbol(node.macroname) or ""
    if kind == "LatexMathNode":
        return inline_nodes(node.nodelist)
    if kind == "LatexSpecialsNode":
        return " " if node.specials_chars == "~" else node.specials_chars
    return ""


def _finish(items: list[Item]) -> list[Item]:
    """Resolve markers: primes, scripts, \\left…\\right pairs, & and \\\\."""
    items = _delimiters(items)
    out: list[Item] = []
    i = 0
    while i < len(items):
        item = items[i]
        if isinstance(item, _Marker) and item.text in ("^", "_"):
            arg: list[Item] = []
            if i + 1 < len(items) and not isinstance(items[i + 1], _Marker):
                nxt = items[i + 1]
                arg = nxt.body if isinstance(nxt, Delimited) and not nxt.left and not nxt.right else [nxt]
                i += 1
            base = out.pop() if out and not _is_split_marker(out[-1]) else Atom("")
            if not isinstance(base, Scripted) or (item.text == "^" and base.sup) or (item.text == "_" and base.sub):
                base = Scripted(base)
            if item.text == "^":
                base.sup = arg
            else:
                base.sub = arg
            out.append(base)
        elif isinstance(item, _Marker) and item.text == "'":
            base = out.pop() if out and not _is_split_marker(out[-1]) else Atom("")
            if not isinstance(base, Scripted):
                base = Scripted(base)
            base.sup = (base.sup or []) + [Atom("′")]
            out.append(base)
        else:
            out.append(item)
        i += 1
    if any(_is_split_marker(x) for x in out):
        return [_split_rows(out)]
    return out


def _is_split_marker(item: Item) -> bool:
    return isinstance(item, _Marker) and item.text in ("&", "\\\\")


def _split_rows(items: list[Item]) -> Item:
    rows: list[list[list[Item]]] = [[[]]]
    for item in items:
        if isinstance(item, _Marker) and item.text == "\\\\":
            rows.append([[]])
        elif isinstance(item, _Marker) and item.text == "&":
            rows[-1].append([])
        else:
            rows[-1][-1].append(item)
    if rows and rows[-1] == [[]]:
        rows.pop()
    if all(len(r) == 1 for r in rows):
        return Rows([r[0] for r in rows])
    return Table("aligned", rows)


def _delimiters(items: list[Item]) -> list[Item]:
    out: list[Item] = []
    stack: list[tuple[int, str]] = []
    for item in items:
        if isinstance(item, _Marker) and item.cls == "left":
            stack.append((len(out), item.text))
        elif isinstance(item, _Marker) and item.cls == "right" and stack:
            start, left = stack.pop()
            body = out[start:]
            del out[start:]
            out.append(Delimited(left, body, item.text))
        elif isinstance(item, _Marker) and item.cls in ("left", "right"):
            if item.text:
                out.append(Atom(item.text, _class_of(item.text)))
        else:
            out.append(item)
    return out


def _environment(node: Any) -> Item:
    name = node.environmentname.rstrip("*")
    inner = _Parser(_tokens(node.nodelist)).items()
    table = inner[0] if len(inner) == 1 and isinstance(inner[0], (Table, Rows)) else None
    if table is None:
        rows: list[list[list[Item]]] = [[inner]]
    elif isinstance(table, Rows):
        rows = [[r] for r in table.rows]
    else:
        rows = table.rows
    if name in _MATRIX_DELIMS:
        left, right = _MATRIX_DELIMS[name]
        return Table("matrix", rows, left, right)
    if name == "cases":
        return Table("cases", rows, "{", "")
    return Table("aligned", rows)


def parse_nodes(nodes: list[Any]) -> list[Item]:
    return _Parser(_tokens(nodes)).items()


def parse(latex: str) -> list[Item]:
    from pylatexenc.latexwalker import LatexWalker

    walker = LatexWalker(latex, tolerant_parsing=True)
    nodes, _, _ = walker.get_latex_nodes()
    return parse_nodes(nodes)


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


# --- public API ----------------------------------------------------------------------------------------


def inline_nodes(nodes: list[Any]) -> str:
    return _Renderer(False).row(parse_nodes(nodes)).lines[0]


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


# --- Markdown ----------------------------------------------------------------------------------------------

_FENCE_RE = re.compile(r"^( {0,3})(`{3,}|~{3,})")
_DISPLAY_RE = re.compile(r"\$\$(.+?)\$\$", re.S)
# Pandoc's rule: no space just inside the dollars, and a closing $ not followed by a digit ($5 and $10).
_INLINE_RE = re.compile(r"(?<![\\$])\$(?=[^\s$])((?:[^$\\]|\\.)+?)(?<=[^\s\\])\$(?![\d$])")
_CODE_SPAN_RE = re.compile(r"(`+)(.+?)\1", re.S)
_MD_SPECIAL_RE = re.compile(r"([\\`*_\[\]<>|#])")


def _safe(convert: Any, latex: str) -> Any:
    try:
        return convert(latex)
    except Exception:  # a formula the converter cannot read is shown as written, never lost
        return None


def _inline_md(latex: str) -> str:
    text = _safe(inline, latex)
    if text is None:
        return f"`{latex}`"
    return _MD_SPECIAL_RE.sub(r"\\\1", text)


def _display_md(latex: str, indent: str) -> str:
    lines = _safe(display, latex.strip())
    if lines is None:
        lines = [latex.strip()]
    fence = "```"
    while any(fence in line for line in lines):
        fence += "`"
    body = "\n".join(indent + line for line in lines)
    return f"\n\n{indent}{fence}text\n{body}\n{indent}{fence}\n\n"


def _prose(text: str) -> str:
    """Math in a stretch of Markdown that holds no fenced code."""
    out: list[str] = []
    last = 0
    for m in _DISPLAY_RE.finditer(text):
        out.append(_inline_spans(text[last:m.start()]))
        line_start = text.rfind("\n", 0, m.start()) + 1
        prefix = text[line_start:m.start()]
        indent = prefix if not prefix.strip() else ""
        out.append(_display_md(m.group(1), indent))
        last = m.end()
    out.append(_inline_spans(text[last:]))
    return "".join(out)


def _inline_spans(text: str) -> str:
    out: list[str] = []
    last = 0
    for m in _CODE_SPAN_RE.finditer(text):
        out.append(_INLINE_RE.sub(lambda k: _inline_md(k.group(1)), text[last:m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(_INLINE_RE.sub(lambda k: _inline_md(k.group(1)), text[last:]))
    return "".join(out)


def render_markdown(text: str) -> str:
    """Markdown with every $…$ and $$…$$ replaced by Unicode; fenced code and code spans untouched."""
    out: list[str] = []
    prose: list[str] = []
    fence: str | None = None
    for line in text.splitlines(keepends=True):
        m = _FENCE_RE.match(line)
        if fence is None and m:
            out.append(_prose("".join(prose)))
            prose = []
            fence = m.group(2)[0] * len(m.group(2))
            out.append(line)
        elif fence is not None:
            out.append(line)
            if m and line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
        else:
            prose.append(line)
    out.append(_prose("".join(prose)))
    return "".join(out)


def render_plain(text: str) -> str:
    """Plain text (a hint, a quiz choice) with each formula as one line of Unicode; no Markdown escapes."""
    def one(m: re.Match[str]) -> str:
        out = _safe(inline, m.group(1))
        return m.group(0) if out is None else out

    return _INLINE_RE.sub(one, _DISPLAY_RE.sub(one, text))


__all__ = ["inline", "display", "render_markdown", "render_plain", "width", "parse"]
