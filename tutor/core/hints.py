"""Hint ladders: the order a learner sees hints in, and which rungs give the reference's code away.

A ladder climbs from the idea (what quantity, why) to where and which formula, to the near-code step; only
the last rung may hold a line of the reference solution. When the last grade recognised a misconception, its
own hint is shown before the ladder: it speaks about the learner's code, the rungs about the exercise.
"""
from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.core.manifest import ExerciseSpec

# Lines this short (spaces removed) are idioms, not the answer: `return x`, `s = 0.0`.
MIN_CODE_CHARS = 12
_SKIP_PREFIXES = ("def ", "class ", "import ", "from ", "@", '"""', "'''", "return None", "else:", "try:")
_SPACE_RE = re.compile(r"\s+")


def _squeeze(text: str) -> str:
    """Whitespace and Markdown backticks removed: `x@W + b` and `x @ W+b` compare equal."""
    return _SPACE_RE.sub("", text).replace("`", "")


def _without_comments(source: str) -> list[str]:
    lines = source.splitlines()
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return lines
    for tok in reversed(tokens):
        if tok.type == tokenize.COMMENT:
            row, col = tok.start
            lines[row - 1] = lines[row - 1][:col]
    return lines


def code_lines(solution: str, starter: str = "") -> set[str]:
    """The reference's lines that would give the answer away, squeezed; lines the starter already shows are not."""
    given = {_squeeze(line) for line in _without_comments(starter)} if starter else set()
    out = set()
    for line in _without_comments(solution):
        stripped = line.strip()
        if not stripped or stripped.startswith(_SKIP_PREFIXES):
            continue
        squeezed = _squeeze(stripped)
        if len(squeezed) >= MIN_CODE_CHARS and squeezed not in given:
            out.add(squeezed)
    return out


def shared_code_lines(hint: str, lines: set[str]) -> list[str]:
    """The reference lines (squeezed) that appear whole in a hint."""
    text = _squeeze(hint)
    return sorted(line for line in lines if line in text)


@dataclass(frozen=True)
class Ladder:
    """What `tutor hint` and the TUI show: the misconception's hint (if the last grade named one), then rungs."""

    misconception: str | None
    rungs: tuple[str, ...]


def ladder(spec: ExerciseSpec, lang: str, last_result: dict[str, Any] | None) -> Ladder:
    """The hints in the learner's language, with the misconception recognised in `last_result` first.

    The misconception's text comes from the manifest in `lang`, not from the stored result, which holds the
    language the grade ran in.
    """
    found = (last_result or {}).get("misconception") or None
    text = None
    if isinstance(found, dict) and (last_result or {}).get("status") != "passed":
        text = next((m.hint.get(lang) for m in spec.misconceptions if m.id == found.get("id")),
                    found.get("hint") or None)
    return Ladder(text, spec.hints.get(lang))


_CODE_SPAN_RE = re.compile(r"(`+)(.+?)\1")


def spans(text: str) -> list[tuple[str, bool]]:
    """A hint cut into (text, is_code) pieces: Markdown code spans lose their backticks, math becomes Unicode."""
    from tutor.core.mathtext import render_plain

    out: list[tuple[str, bool]] = []
    last = 0
    for m in _CODE_SPAN_RE.finditer(text):
        if m.start() > last:
            out.append((render_plain(text[last:m.start()]), False))
        out.append((m.group(2).strip(), True))
        last = m.end()
    if last < len(text):
        out.append((render_plain(text[last:]), False))
    return out


def plain(text: str) -> str:
    """A hint for a plain terminal: no backticks, math as Unicode."""
    return "".join(piece for piece, _ in spans(text))


__all__ = ["spans", "plain", "Ladder", "ladder", "code_lines", "shared_code_lines", "MIN_CODE_CHARS"]
