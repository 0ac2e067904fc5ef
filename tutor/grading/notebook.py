"""A Jupyter notebook as a submission: its code cells, in order, become one Python module.

What Jupyter runs but Python cannot is left out, each with a one-line note: line magics (`%matplotlib inline`),
shell escapes (`!pip install ...`, `files = !ls`), help lines (`np.zeros?`) and cell magics whose body is not
Python (`%%bash`); `%%time`-style cells keep their body. Cells tagged `skip-grading`, or whose first line is
`# tutor: skip`, are left out whole. Every line of the module knows the cell and line it came from (`LineMap`),
built here on the trusted side and frozen, so that messages about the learner's code say "cell N, line M".

Cells are numbered as the learner counts them scrolling down the notebook: every cell, Markdown included, from 1.
"""
from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from tutor.core.i18n import pick

if TYPE_CHECKING:
    from tutor.grading.result import GradeResult

SKIP_TAG = "skip-grading"
SKIP_COMMENT = "# tutor: skip"
# Cell magics whose body is Python that runs as written: the magic line goes, the body stays.
PYTHON_BODY_CELL_MAGICS = {"time", "timeit", "capture", "prun", "debug"}
_ASSIGNED_MAGIC = re.compile(r"^\s*[A-Za-z_][\w.]*(\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*[%!]")
_TIMED_STATEMENT = re.compile(r"^(\s*)%time\s+(\S.*)$", re.DOTALL)
_FUTURE_IMPORT = re.compile(r"^from\s+__future__\s+import\s")
_HELP_LINE = re.compile(r"^\s*\??[A-Za-z_][\w.]*\?{1,2}\s*$")


class NotebookError(ValueError):
    """The bytes are not a notebook nbformat can read."""


@dataclass(frozen=True)
class Note:
    cell: int
    en: str
    es: str

    def text(self, lang: str) -> str:
        return pick(lang, f"cell {self.cell}: {self.en}", f"celda {self.cell}: {self.es}")


@dataclass(frozen=True)
class LineMap:
    """Module line n (1-based) came from cell `origins[n-1][0]`, line `origins[n-1][1]` of that cell."""

    origins: tuple[tuple[int, int], ...]

    def where(self, line: int) -> tuple[int, int] | None:
        return self.origins[line - 1] if 1 <= line <= len(self.origins) else None

    def describe(self, line: int, lang: str) -> str | None:
        """'cell 3, line 2' (or 'celda 3, línea 2'); None for a line the notebook does not have."""
        found = self.where(line)
        if found is None:
            return None
        cell, within = found
        return pick(lang, f"cell {cell}, line {within}", f"celda {cell}, línea {within}")


@dataclass(frozen=True)
class ConvertedNotebook:
    source: str
    lines: LineMap
    notes: tuple[Note, ...]


def _magic_kind(line: str) -> str | None:
    stripped = line.lstrip()
    if stripped.startswith("%"):
        return "magic"
    if stripped.startswith("!"):
        return "shell"
    if _ASSIGNED_MAGIC.match(line):
        return "shell" if "!" in line.split("=", 1)[1][:2] else "magic"
    if _HELP_LINE.match(line):
        return "help"
    return None


def _inside_statements(lines: list[str]) -> set[int]:
    """0-based indices of lines that continue a statement (inside brackets, a multi-line string, after a
    backslash): a '%' or '!' there is Python or text, never a magic."""
    inside: set[int] = set()
    seen: set[int] = set()
    depth, line_start = 0, True
    try:
        for tok in tokenize.generate_tokens(io.StringIO("".join(lines)).readline):
            if tok.type in (tokenize.NEWLINE, tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT):
                line_start = line_start or tok.type == tokenize.NEWLINE or (tok.type == tokenize.NL and depth == 0)
                continue
            if tok.start[0] not in seen:
                seen.add(tok.start[0])
                if not line_start or depth > 0:
                    inside.add(tok.start[0] - 1)
            inside.update(range(tok.start[0], tok.end[0]))  # the lines of a multi-line string after its first
            line_start = False
            if tok.type == tokenize.OP and tok.string in "([{":
                depth += 1
            elif tok.type == tokenize.OP and tok.string in ")]}":
                depth = max(0, depth - 1)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass  # Python will say what is wrong with the cell when the module loads
    return inside


def _drop_note(cell: int, kind: str, line: str) -> Note:
    shown = line.strip()
    if len(shown) > 60:
        shown = shown[:57] + "..."
    if kind == "shell":
        return Note(cell, f"shell command `{shown}` left out (it runs only in Jupyter)",
                    f"comando de shell `{shown}` omitido (solo se ejecuta en Jupyter)")
    if kind == "help":
        return Note(cell, f"help line `{shown}` left out", f"línea de ayuda `{shown}` omitida")
    return Note(cell, f"magic `{shown}` left out (it runs only in Jupyter)",
                f"comando mágico `{shown}` omitido (solo se ejecuta en Jupyter)")


def _cell_text(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def convert(data: bytes | str) -> ConvertedNotebook:
    """The notebook's code cells as one module, with the line map and the notes; NotebookError if unreadable."""
    import nbformat

    text = data.decode("utf-8") if isinstance(data, bytes) else data
    try:
        nb = nbformat.reads(text, as_version=4)
    except Exception as exc:  # nbformat raises JSON, validation and version errors of several kinds
        raise NotebookError(f"not a Jupyter notebook nbformat can read ({type(exc).__name__}: "
                            f"{str(exc).splitlines()[0] if str(exc) else ''})") from None
    return convert_cells((number, _cell_text(cell), tuple(cell.get("metadata", {}).get("tags", []) or ()))
                         for number, cell in enumerate(nb.get("cells", []), start=1)
                         if cell.get("cell_type") == "code")


def convert_cells(cells: Iterable[tuple[int, str, tuple[str, ...]]]) -> ConvertedNotebook:
    """Code cells as (number, source, tags), in the order they run, as one module."""
    out: list[str] = []
    origins: list[tuple[int, int]] = []
    notes: list[Note] = []
    futures: list[tuple[str, tuple[int, int]]] = []
    for number, source, tags in cells:
        lines = source.splitlines(keepends=True)
        first = next((l.strip() for l in lines if l.strip()), "")
        if SKIP_TAG in tags or first.lower().startswith(SKIP_COMMENT):
            notes.append(Note(number, "left out (marked to skip grading)", "omitida (marcada para no calificar)"))
            continue
        start = 0
        if first.startswith("%%"):
            name = first[2:].split(None, 1)[0] if first[2:].strip() else ""
            if name not in PYTHON_BODY_CELL_MAGICS:
                notes.append(Note(number, f"`%%{name}` cell left out (it is not Python)",
                                  f"celda `%%{name}` omitida (no es Python)"))
                continue
            start = next(i for i, l in enumerate(lines) if l.strip()) + 1
            notes.append(Note(number, f"`%%{name}` line left out; the cell's code runs as written",
                              f"línea `%%{name}` omitida; el código de la celda se ejecuta tal cual"))
        continued = _inside_statements(lines)
        for index, line in enumerate(lines):
            if index < start:
                kept = "\n"
            else:
                kind = _magic_kind(line) if index not in continued else None
                timed = _TIMED_STATEMENT.match(line) if kind == "magic" else None
                if timed is not None:  # `%time stmt` runs stmt once: it stays, without the timing
                    notes.append(Note(number, f"`%time` left out of `{line.strip()[:50]}`; the statement runs",
                                      f"`%time` omitido de `{line.strip()[:50]}`; la instrucción se ejecuta"))
                    kept = timed.group(1) + timed.group(2).rstrip() + "\n"
                elif _FUTURE_IMPORT.match(line):
                    # Jupyter compiles each cell alone, so a later cell may start with it; a module only at its top.
                    futures.append((line.strip() + "\n", (number, index + 1)))
                    kept = "pass\n"
                elif kind is not None:
                    notes.append(_drop_note(number, kind, line))
                    # `pass` keeps the line (and a block it is alone in) so every later line keeps its number.
                    kept = line[: len(line) - len(line.lstrip())] + "pass\n"
                else:
                    kept = line if line.endswith("\n") else line + "\n"
            out.append(kept)
            origins.append((number, index + 1))
    out[:0] = [line for line, _ in futures]
    origins[:0] = [origin for _, origin in futures]
    return ConvertedNotebook("".join(out), LineMap(tuple(origins)), tuple(notes))


_TRACEBACK_LINE = r'(File "{name}"), line (\d+)'
_COMPILE_LINE = r"{name}:(\d+):(\d+):"


def relocate(text: str, file_name: str, lines: LineMap, lang: str) -> str:
    """Rewrite the module's line numbers in a message or traceback as the notebook's cell and line."""
    if not text:
        return text
    name = re.escape(file_name)

    def traceback_line(m: re.Match[str]) -> str:
        where = lines.describe(int(m.group(2)), lang)
        return f"{m.group(1)}, {where}" if where else m.group(0)

    def compile_line(m: re.Match[str]) -> str:
        where = lines.describe(int(m.group(1)), lang)
        if where is None:
            return m.group(0)
        return f"{file_name}, {where}, " + pick(lang, f"column {m.group(2)}:", f"columna {m.group(2)}:")

    text = re.sub(_TRACEBACK_LINE.format(name=name), traceback_line, text)
    return re.sub(_COMPILE_LINE.format(name=name), compile_line, text)


def localize(result: GradeResult, file_name: str, notebook: ConvertedNotebook, lang: str) -> GradeResult:
    """The result as the learner reads their notebook: cells and lines in every message, the notes added."""
    from dataclasses import replace

    def fix(text: str) -> str:
        return relocate(text, file_name, notebook.lines, lang)

    checks = tuple(replace(c, message=fix(c.message), traceback=fix(c.traceback)) for c in result.checks)
    return replace(result, checks=checks, message=fix(result.message), detail=fix(result.detail),
                   notes=result.notes + tuple(n.text(lang) for n in notebook.notes))
