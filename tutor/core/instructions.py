"""An exercise's instructions in the learner's language: what the starter asks, function by function.

English is the starter's own docstrings (the module's and each public function's or class's): the learner reads
them in their file too. Spanish lives in one file per lesson, `exercises/NN-slug/instructions.es.toml`, keyed by
exercise id, with the same pieces:

    [broadcasting]
    module = "Broadcasting: la forma que NumPy da a ..."
    [broadcasting.functions]
    broadcast_shape = "Devuelve la forma ..."

Each text is written once; `tutor lesson check` reports a docstring without its Spanish and a Spanish text
without its docstring (a function renamed in the starter).
"""
from __future__ import annotations

import ast
import tomllib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from tutor.core.course import Exercise, Lesson

FILENAME = "instructions.es.toml"


@dataclass(frozen=True)
class Part:
    """One public function or class of the starter: its signature (code, never translated) and its text."""

    name: str
    signature: str
    text: str


@dataclass(frozen=True)
class Instructions:
    summary: str  # the module docstring
    parts: tuple[Part, ...]


class InstructionsError(ValueError):
    """A starter that does not parse, or a Spanish file that is not valid TOML."""


def _starter_parts(source: str) -> tuple[str, list[Part]]:
    tree = ast.parse(source)
    parts = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
            if isinstance(node, ast.ClassDef):
                signature = f"class {node.name}"
            else:
                returns = f" -> {ast.unparse(node.returns)}" if node.returns else ""
                signature = f"def {node.name}({ast.unparse(node.args)}){returns}"
            parts.append(Part(node.name, signature, ast.get_docstring(node) or ""))
    return ast.get_docstring(tree) or "", parts


def spanish_table(folder: Path) -> dict[str, dict]:
    """The lesson's Spanish instructions, by exercise id; {} when the lesson has none."""
    path = folder / FILENAME
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InstructionsError(f"{path}: {exc}") from None
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def instructions(exercise: Exercise, lang: str) -> Instructions:
    """The starter's instructions in `lang`; a piece without its Spanish stays English rather than vanish.

    Raises InstructionsError when the starter cannot be read or parsed.
    """
    try:
        summary, parts = _starter_parts(exercise.starter.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError) as exc:
        raise InstructionsError(f"{exercise.starter}: {exc}") from None
    if lang != "es":
        return Instructions(summary, tuple(parts))
    entry = spanish_table(exercise.lesson.folder).get(exercise.spec.id, {})
    functions = entry.get("functions", {}) if isinstance(entry.get("functions"), dict) else {}
    es_summary = entry.get("module") if isinstance(entry.get("module"), str) else None
    return Instructions(es_summary or summary,
                        tuple(Part(p.name, p.signature, functions.get(p.name) or p.text) for p in parts))


def untranslated(lesson: Lesson) -> list[str]:
    """What a lesson's Spanish instructions lack or have in excess, one line each (for `tutor lesson check`)."""
    try:
        table = spanish_table(lesson.folder)
    except InstructionsError as exc:
        return [str(exc)]
    out = []
    ids = {e.spec.id for e in lesson.exercises}
    out += [f"{FILENAME}: [{key}] is no exercise of lesson.toml" for key in sorted(set(table) - ids)]
    for exercise in lesson.exercises:
        try:
            summary, parts = _starter_parts(exercise.starter.read_text(encoding="utf-8"))
        except (OSError, SyntaxError, UnicodeDecodeError):
            continue  # the files check reports a missing starter; the grade, one that does not parse
        entry = table.get(exercise.spec.id, {})
        functions = entry.get("functions", {}) if isinstance(entry.get("functions"), dict) else {}
        where = f"{FILENAME} [{exercise.spec.id}]"
        if summary and not str(entry.get("module", "")).strip():
            out.append(f"{where}: module = \"...\" is missing (the starter's module docstring in Spanish)")
        for p in parts:
            if p.text and not str(functions.get(p.name, "")).strip():
                out.append(f"{where}: functions.{p.name} is missing (its docstring in Spanish)")
        names = {p.name for p in parts if p.text}
        out += [f"{where}: functions.{name} has no docstring in the starter to translate"
                for name in sorted(set(functions) - names)]
    return out


def spanish_texts(lesson: Lesson) -> list[tuple[str, str]]:
    """(where, text) for every Spanish instruction of a lesson: the glossary reads them like the lesson text."""
    try:
        table = spanish_table(lesson.folder)
    except InstructionsError:
        return []
    out = []
    for key, entry in table.items():
        if isinstance(entry.get("module"), str):
            out.append((f"{FILENAME} [{key}] module", entry["module"]))
        for name, text in (entry.get("functions") or {}).items():
            if isinstance(text, str):
                out.append((f"{FILENAME} [{key}] functions.{name}", text))
    return out


def as_markdown(found: Instructions) -> list[str]:
    """Markdown lines: the summary, then each signature as inline code (it wraps in a narrow panel) and its text."""
    lines = [found.summary, ""] if found.summary else []
    for part in found.parts:
        lines += [f"`{part.signature}`", ""]
        if part.text:
            lines += [part.text, ""]
    return lines


__all__ = ["Instructions", "Part", "InstructionsError", "instructions", "untranslated", "spanish_texts",
           "as_markdown", "FILENAME"]
