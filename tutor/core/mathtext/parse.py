"""LaTeX (through pylatexenc's nodes) into the formula tree."""
from __future__ import annotations

from typing import Any

from tutor.core.mathtext.symbols import _ACCENTS, _BIN, _BLACKBOARD, _CALLIGRAPHIC, _CLOSE, _MATRIX_DELIMS, _NAMED_OPS, _OPEN, _REL, _SPACES, _symbol
from tutor.core.mathtext.tree import Accent, Atom, Delimited, Frac, Item, Rows, Scripted, Sqrt, Table, _Marker
from tutor.core.mathtext.layout import _flat, _Renderer

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
        return _inline_nodes(node.nodelist)
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


def _inline_nodes(nodes: list[Any]) -> str:
    return _Renderer(False).row(parse_nodes(nodes)).lines[0]
