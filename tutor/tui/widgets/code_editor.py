"""The learner's file in a TextArea, highlighted as Python.

Textual highlights through tree-sitter when the `syntax` extra is installed; this editor lexes with Pygments
(always there, through Rich) instead, so highlighting looks the same on every machine and in snapshots.
"""
from __future__ import annotations

from pygments.lexers.python import PythonLexer
from pygments.token import Token, _TokenType
from textual import events
from textual.binding import Binding
from textual.widgets import TextArea

# Pygments token -> TextArea highlight name (the names Textual's themes style).
_NAMES: tuple[tuple[_TokenType, str], ...] = (
    (Token.Comment, "comment"),
    (Token.Literal.String.Doc, "string.documentation"),
    (Token.Literal.String, "string"),
    (Token.Literal.Number, "number"),
    (Token.Keyword.Constant, "boolean"),
    (Token.Keyword.Namespace, "include"),
    (Token.Keyword, "keyword"),
    (Token.Operator.Word, "keyword.operator"),
    (Token.Operator, "operator"),
    (Token.Name.Builtin.Pseudo, "constant.builtin"),
    (Token.Name.Builtin, "type.builtin"),
    (Token.Name.Function, "function"),
    (Token.Name.Class, "class"),
    (Token.Name.Decorator, "function"),
    (Token.Punctuation, "punctuation.bracket"),
)


def _name(token: _TokenType) -> str | None:
    for parent, name in _NAMES:
        if token in parent:
            return name
    return None


class CodeEditor(TextArea):
    """A Python editor: Pygments highlighting, spaces for tabs, line numbers, Enter keeps the indentation."""

    _lexer = PythonLexer(stripnl=False, ensurenl=False)  # TextArea.__init__ highlights already
    # ctrl+a selects all, as a newcomer expects (TextArea has it move to the line start; home still does)
    BINDINGS = [Binding("ctrl+a", "select_all", "Select all", show=False)]

    def __init__(self, text: str = "", **kwargs: object) -> None:
        super().__init__(text, language=None, show_line_numbers=True, tab_behavior="indent", soft_wrap=False,
                         **kwargs)  # type: ignore[arg-type]
        self.indent_width = 4

    def _build_highlight_map(self) -> None:
        self._line_cache.clear()
        highlights = self._highlights
        highlights.clear()
        row, col = 0, 0
        for token, value in self._lexer.get_tokens(self.text):
            name = _name(token)
            parts = value.split("\n")
            for n, part in enumerate(parts):
                if n:
                    row, col = row + 1, 0
                size = len(part.encode("utf-8"))  # TextArea reads highlight columns as UTF-8 byte offsets
                if part and name is not None:
                    highlights[row].append((col, col + size, name))
                col += size

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter" and not self.read_only:
            event.stop()
            event.prevent_default()
            start, end = self.selection
            row, column = min(start, end)
            before = self.document.get_line(row)[:column]
            indent = before[: len(before) - len(before.lstrip(" "))]
            if before.rstrip().endswith(":"):  # a block opens: one level deeper
                indent += " " * self.indent_width
            self._replace_via_keyboard("\n" + indent, start, end)
            return
        await super()._on_key(event)
