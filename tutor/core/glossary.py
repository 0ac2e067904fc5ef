"""The Spanish glossary: one word per idea, enforced on lesson text by `tutor lesson check`.

The table (banned → preferred) is data, `glossary.toml` next to this module; docs/glossary.md explains it. Code
(fenced blocks, `code spans`) and math ($…$, $$…$$) are left out: `np.array` is code, not a word choice.
"""
from __future__ import annotations

import ast
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from tutor.core.course import Lesson

TABLE = Path(__file__).with_name("glossary.toml")
_FENCE_RE = re.compile(r"^\s*(```|~~~)")
_CODE_OR_MATH_RE = re.compile(r"(`+).+?\1|\$\$.+?\$\$|\$[^$\n]+?\$", re.S)


@dataclass(frozen=True)
class Term:
    regex: re.Pattern[str]
    preferred: str
    why: str


@dataclass(frozen=True)
class Slip:
    where: str  # "lesson.es.md:42" or "lesson.toml exercise momentum hints.es[1]"
    found: str
    preferred: str

    def __str__(self) -> str:
        return f"{self.where}: '{self.found}' → {self.preferred}"


@lru_cache(maxsize=None)
def terms(path: Path = TABLE) -> tuple[Term, ...]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out = []
    for entry in data.get("term", []):
        if "pattern" in entry:
            regex = re.compile(entry["pattern"])
        else:  # whole words, longest first; not after a dot nor before "(": np.array(x) is code even unquoted
            words = sorted(entry["banned"], key=len, reverse=True)
            regex = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w(])", re.I)
        out.append(Term(regex, entry["preferred"], entry.get("why", "")))
    return tuple(out)


def prose(text: str) -> str:
    """The text with code blocks, code spans and math blanked out (same length, so columns stay right)."""
    lines, fence = [], None
    for line in text.split("\n"):
        m = _FENCE_RE.match(line)
        if fence is not None:
            lines.append(" " * len(line))
            if m and m.group(1) == fence:
                fence = None
            continue
        if m:
            fence = m.group(1)
            lines.append(" " * len(line))
            continue
        lines.append(line)
    joined = "\n".join(lines)
    return _CODE_OR_MATH_RE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), joined)


def slips(text: str, where: str) -> Iterator[Slip]:
    clean = prose(text)
    for term in terms():
        for m in term.regex.finditer(clean):
            line = clean.count("\n", 0, m.start()) + 1
            yield Slip(f"{where}:{line}" if "\n" in text else where, m.group(0), term.preferred)


def _manifest_texts(lesson: Lesson) -> Iterator[tuple[str, str]]:
    m = lesson.manifest
    if m is None:
        return
    yield "lesson.toml title.es", m.title.es
    yield "lesson.toml summary.es", m.summary.es
    for q in m.quiz:
        yield f"lesson.toml quiz {q.id} prompt.es", q.prompt.es
        yield f"lesson.toml quiz {q.id} explanation.es", q.explanation.es
        for n, choice in enumerate(q.choices.es if q.choices else ()):
            yield f"lesson.toml quiz {q.id} choices.es[{n}]", choice
        for n, said in enumerate(q.feedback.es if q.feedback else ()):
            yield f"lesson.toml quiz {q.id} feedback.es[{n}]", said
    for e in m.exercises:
        yield f"lesson.toml exercise {e.id} title.es", e.title.es
        for n, hint in enumerate(e.hints.es):
            yield f"lesson.toml exercise {e.id} hints.es[{n}]", hint
        for mc in e.misconceptions:
            yield f"lesson.toml exercise {e.id} misconception {mc.id} hint.es", mc.hint.es


# Calls whose Spanish text is a positional argument: t(en, es) in graders, tr/pick(lang, en, es), self.tr(en, es),
# the bilingual errors' (en, es); and any es= keyword (check titles).
_SPANISH_ARG = {"t": 1, "tr": 2, "pick": 2, "Bilingual": 1, "AnswerFormatError": 1}


def _literal(node: ast.expr) -> str | None:
    """A string literal's text; an f-string's with each {…} as a blank; None for anything computed."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else " … " for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal(node.left), _literal(node.right)
        return None if left is None and right is None else (left or "") + (right or "")
    return None


def code_slips(path: Path, shown_as: str | None = None) -> Iterator[Slip]:
    """Glossary slips in the Spanish messages of a Python file (`t(en, es)`, `tr(lang, en, es)`, ...)."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8", errors="replace"))
    except SyntaxError:
        return  # a grader that does not parse is reported by its own check
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        index = 1 if name == "tr" and isinstance(func, ast.Attribute) else _SPANISH_ARG.get(name)
        texts = [_literal(node.args[index])] if index is not None and len(node.args) > index else []
        texts += [_literal(k.value) for k in node.keywords if k.arg == "es"]  # @pytest.mark.title(en=..., es=...)
        for text in texts:
            if text is not None:
                yield from slips(text, f"{shown_as or path.name}:{node.lineno}")


def lesson_slips(lesson: Lesson) -> list[Slip]:
    """Every glossary slip in a lesson's Spanish text: lesson.es.md, the `.es` texts of lesson.toml, the
    starters' Spanish instructions, the Spanish messages of its graders."""
    out: list[Slip] = []
    path = lesson.text_path("es")
    if path.is_file():
        out += slips(path.read_text(encoding="utf-8", errors="replace"), path.name)
    for where, text in _manifest_texts(lesson):
        out += slips(text, where)
    from tutor.core.instructions import spanish_texts

    for where, text in spanish_texts(lesson):
        out += slips(text, where)
    graders = lesson.root / "graders" / lesson.dirname
    for path in sorted(graders.glob("*.py")) if graders.is_dir() else ():
        out += code_slips(path, f"graders/{lesson.dirname}/{path.name}")
    return out


__all__ = ["Slip", "Term", "terms", "prose", "slips", "code_slips", "lesson_slips", "TABLE"]
