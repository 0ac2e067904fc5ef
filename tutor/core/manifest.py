"""Lesson manifests (`lesson.toml`): a typed model and a validator whose errors say where and how to fix.

The model is plain frozen dataclasses so that `tutor list` stays fast (no pydantic import on start-up).
Every error names the file, the line (where the TOML text shows it), the field and the fix.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

# `tutor list` reads every manifest at start: typing, tomllib (on a cache miss only), difflib (on an error
# only) and OpenSSL's hashlib are imported where needed, not here (tests/cli: the import set of `tutor list`).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

FORMAT_VERSION = 1
LANGS = ("en", "es")
QUIZ_KINDS = ("single", "multiple", "number", "shape", "expression")
RUNTIMES = ("numpy", "tensorflow", "tensorflow-legacy")
DEVICES = ("cpu", "any")
DEFAULT_TIMEOUT = {"numpy": 30.0, "tensorflow": 300.0, "tensorflow-legacy": 300.0}
DEFAULT_MEMORY_MB = {"numpy": 1024, "tensorflow": 4096, "tensorflow-legacy": 4096}


class ManifestError(ValueError):
    """One problem in one manifest, located and explained in a single line."""

    def __init__(self, path: Path, line: int | None, field_path: str, problem: str, fix: str = "") -> None:
        self.path, self.line, self.field_path, self.problem, self.fix = path, line, field_path, problem, fix
        where = f"{path}:{line}" if line else str(path)
        text = f"{where}: {field_path}: {problem}" if field_path else f"{where}: {problem}"
        super().__init__(f"{text} — {fix}" if fix else text)


@dataclass(frozen=True)
class Text:
    """A text in both languages."""

    en: str
    es: str

    def get(self, lang: str) -> str:
        return self.es if lang == "es" else self.en


@dataclass(frozen=True)
class TextList:
    en: tuple[str, ...]
    es: tuple[str, ...]

    def get(self, lang: str) -> tuple[str, ...]:
        return self.es if lang == "es" else self.en


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    prompt: Text
    explanation: Text
    answer: Any
    choices: TextList | None = None
    tolerance: float = 0.0
    symbols: tuple[str, ...] = ()
    feedback: TextList | None = None  # per choice: what picking it says about the learner's thinking


@dataclass(frozen=True)
class Misconception:
    id: str
    hint: Text


@dataclass(frozen=True)
class ExerciseSpec:
    id: str
    title: Text
    hints: TextList
    points: int
    timeout: float
    memory_mb: int
    runtime: str
    device: str
    file: str
    misconceptions: tuple[Misconception, ...] = ()
    # Per check (its id: the test's name without `test_`): "visible" (the default), "hidden" or "after_due_date".
    visibility: tuple[tuple[str, str], ...] = ()

    def check_visibility(self, check_id: str) -> str:
        return dict(self.visibility).get(check_id, "visible")


@dataclass(frozen=True)
class Manifest:
    format: int
    title: Text
    summary: Text
    quiz: tuple[Question, ...]
    exercises: tuple[ExerciseSpec, ...]


# --- locating a field in the TOML text -------------------------------------------------------------

_TABLE_RE = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\-]+)\s*\]\]?")


def _locate(text: str, path: tuple[str | int, ...]) -> int | None:
    """Best line for a field path such as ("exercise", 1, "hints", "en"); None when the text does not show it."""
    lines = text.splitlines()
    start, end = 0, len(lines)
    table = ""
    i = 0
    keys = list(path)
    # Walk array-of-tables and tables by their headers, then find the last key inside the range.
    while keys:
        key = keys[0]
        if len(keys) > 1 and isinstance(keys[1], int):
            name, index = f"{table}.{key}" if table else str(key), keys[1]
            hits = [n for n in range(start, end) if (m := _TABLE_RE.match(lines[n])) and m.group(1) == name]
            if index >= len(hits):
                return (hits[-1] + 1) if hits else None
            start = hits[index]
            nxt = [n for n in range(start + 1, end) if (m := _TABLE_RE.match(lines[n])) and m.group(1) == name]
            end = nxt[0] if nxt else end
            table = name
            keys = keys[2:]
            i += 1
            continue
        break
    if not keys:
        return start + 1
    # Either a dotted key (hints.en = ...), a key (hints = ...) or a sub-table header ([exercise.hints]).
    dotted = ".".join(str(k) for k in keys if not isinstance(k, int))
    candidates = [dotted]
    parts = dotted.split(".")
    for n in range(len(parts) - 1, 0, -1):
        candidates.append(".".join(parts[:n]))
    for cand in candidates:
        pat = re.compile(rf"^\s*{re.escape(cand)}\s*[.=]")
        for n in range(start, end):
            if pat.match(lines[n]):
                return n + 1
        header = f"{table}.{cand}" if table else cand
        for n in range(start, end):
            m = _TABLE_RE.match(lines[n])
            if m and m.group(1) == header:
                return n + 1
    return start + 1 if path and isinstance(path[-1], (int, str)) and start else None


# --- validation ------------------------------------------------------------------------------------


class _Validator:
    def __init__(self, path: Path, text: str) -> None:
        self.path, self.text = path, text

    def fail(self, loc: tuple[str | int, ...], problem: str, fix: str = "") -> ManifestError:
        return ManifestError(self.path, _locate(self.text, loc), _dotted(loc), problem, fix)

    def table(self, data: Any, loc: tuple[str | int, ...], known: tuple[str, ...], required: tuple[str, ...]) -> dict:
        if not isinstance(data, dict):
            raise self.fail(loc, f"expected a table, found {_kind(data)}", "write it as a [table] or key = { ... }")
        for key in data:
            if key not in known:
                import difflib

                close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
                fix = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(known)}"
                raise self.fail(loc + (key,), "unknown key", fix)
        for key in required:
            if key not in data:
                raise self.fail(loc, f"missing required key '{key}'", f"add {key} = ...")
        return data

    def string(self, data: dict, key: str, loc: tuple[str | int, ...], default: str | None = None) -> str:
        value = data.get(key, default)
        if not isinstance(value, str) or not value.strip():
            found = "an empty string" if isinstance(value, str) else _kind(value)
            raise self.fail(loc + (key,), f"expected a non-empty string, found {found}", f'write {key} = "..."')
        return value

    def text_pair(self, data: dict, key: str, loc: tuple[str | int, ...]) -> Text:
        sub = self.table(data.get(key), loc + (key,), LANGS, LANGS) if key in data else None
        if sub is None:
            raise self.fail(loc, f"missing required key '{key}'", f'add {key}.en = "..." and {key}.es = "..."')
        return Text(*(self.string(sub, lang, loc + (key,)) for lang in LANGS))

    def text_list(self, data: dict, key: str, loc: tuple[str | int, ...], minimum: int) -> TextList:
        if key not in data:
            raise self.fail(loc, f"missing required key '{key}'", f"add {key}.en = [...] and {key}.es = [...]")
        sub = self.table(data[key], loc + (key,), LANGS, LANGS)
        out = []
        for lang in LANGS:
            items = sub[lang]
            if not isinstance(items, list) or not all(isinstance(s, str) and s.strip() for s in items):
                raise self.fail(loc + (key, lang), f"expected a list of strings, found {_kind(items)}",
                                f'write {key}.{lang} = ["...", "..."]')
            if len(items) < minimum:
                raise self.fail(loc + (key, lang), f"needs at least {minimum} entries, found {len(items)}",
                                f"add {minimum - len(items)} more")
            out.append(tuple(items))
        if len(out[0]) != len(out[1]):
            raise self.fail(loc + (key, "es"), f"has {len(out[1])} entries but {key}.en has {len(out[0])}",
                            "give each language the same entries, in the same order")
        return TextList(out[0], out[1])

    def number(self, data: dict, key: str, loc: tuple[str | int, ...], default: float, positive: bool = True) -> float:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (positive and value <= 0):
            raise self.fail(loc + (key,), f"expected a positive number, found {value!r}", f"write {key} = {default}")
        return float(value)

    def choice(self, data: dict, key: str, loc: tuple[str | int, ...], allowed: tuple[str, ...], default: str) -> str:
        value = data.get(key, default)
        if value not in allowed:
            import difflib

            close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.5)
            fix = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(allowed)}"
            raise self.fail(loc + (key,), f"unknown value {value!r}", fix)
        return value

    def ident(self, data: dict, key: str, loc: tuple[str | int, ...]) -> str:
        value = self.string(data, key, loc)
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value):
            raise self.fail(loc + (key,), f"{value!r} is not a valid id",
                            "use lower-case letters, digits and single hyphens, e.g. 'adam' or 'softmax-regression'")
        return value


QUESTION_KEYS = ("id", "kind", "prompt", "explanation", "answer", "choices", "tolerance", "symbols", "feedback")
EXERCISE_KEYS = ("id", "title", "hints", "points", "timeout", "memory", "runtime", "device", "misconception",
                 "visibility")
VISIBILITIES = ("visible", "hidden", "after_due_date")
TOP_KEYS = ("format", "title", "summary", "quiz", "exercise")


def _question(v: _Validator, raw: Any, loc: tuple[str | int, ...]) -> Question:
    from tutor.core.answers import AnswerKeyError, validate_key

    raw = v.table(raw, loc, QUESTION_KEYS, ("id", "kind", "prompt", "explanation", "answer"))
    qid = v.ident(raw, "id", loc)
    kind = v.choice(raw, "kind", loc, QUIZ_KINDS, "single")
    choices = v.text_list(raw, "choices", loc, 2) if kind in ("single", "multiple") else None
    if kind not in ("single", "multiple") and "choices" in raw:
        raise v.fail(loc + ("choices",), f"a '{kind}' question has no choices", "remove choices or use kind = \"single\"")
    symbols = raw.get("symbols", [])
    if not isinstance(symbols, list) or not all(isinstance(s, str) for s in symbols):
        raise v.fail(loc + ("symbols",), "expected a list of names", 'write symbols = ["beta", "t"]')
    tolerance = v.number(raw, "tolerance", loc, 0.0, positive=False) if "tolerance" in raw else 0.0
    feedback = v.text_list(raw, "feedback", loc, 2) if "feedback" in raw else None
    if feedback is not None and (choices is None or len(feedback.en) != len(choices.en)):
        raise v.fail(loc + ("feedback",), "needs one entry per choice, in the same order",
                     "write feedback.en = [...] with as many entries as choices.en")
    question = Question(qid, kind, v.text_pair(raw, "prompt", loc), v.text_pair(raw, "explanation", loc),
                        raw["answer"], choices, tolerance, tuple(symbols), feedback)
    try:
        validate_key(question)
    except AnswerKeyError as exc:
        raise v.fail(loc + ("answer",), str(exc), exc.fix) from None
    return question


def _exercise(v: _Validator, raw: Any, loc: tuple[str | int, ...]) -> ExerciseSpec:
    raw = v.table(raw, loc, EXERCISE_KEYS, ("id", "title", "hints"))
    eid = v.ident(raw, "id", loc)
    runtime = v.choice(raw, "runtime", loc, RUNTIMES, "numpy")
    points = raw.get("points", 10)
    if isinstance(points, bool) or not isinstance(points, int) or points <= 0:
        raise v.fail(loc + ("points",), f"expected a positive whole number, found {points!r}", "write points = 10")
    miscs = []
    raw_m = raw.get("misconception", [])
    if not isinstance(raw_m, list):
        raise v.fail(loc + ("misconception",), "expected an array of tables", "write [[exercise.misconception]]")
    for n, m in enumerate(raw_m):
        mloc = loc + ("misconception", n)
        m = v.table(m, mloc, ("id", "hint"), ("id", "hint"))
        miscs.append(Misconception(v.ident(m, "id", mloc), v.text_pair(m, "hint", mloc)))
    raw_v = raw.get("visibility", {})
    if not isinstance(raw_v, dict):
        raise v.fail(loc + ("visibility",), "expected a table of check ids",
                     'write [exercise.visibility] then bias_correction = "hidden"')
    for check, seen in raw_v.items():
        if seen not in VISIBILITIES:
            raise v.fail(loc + ("visibility", check), f"unknown visibility {seen!r}",
                         "use " + ", ".join(f'"{x}"' for x in VISIBILITIES))
    return ExerciseSpec(
        id=eid,
        title=v.text_pair(raw, "title", loc),
        hints=v.text_list(raw, "hints", loc, 2),
        points=points,
        timeout=v.number(raw, "timeout", loc, DEFAULT_TIMEOUT[runtime]),
        memory_mb=int(v.number(raw, "memory", loc, DEFAULT_MEMORY_MB[runtime])),
        runtime=runtime,
        device=v.choice(raw, "device", loc, DEVICES, "cpu"),
        file=eid.replace("-", "_") + ".py",
        misconceptions=tuple(miscs),
        visibility=tuple(sorted(raw_v.items())),
    )


def _toml_cache_dir() -> Path:
    # platformdirs' user_cache_dir on Linux, without importing it: `tutor list` reads every manifest at start.
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tensor-tutor" / "manifests"


def _content_key(raw: bytes) -> str:
    # BLAKE2b from CPython's own module: hashlib's OpenSSL start-up alone cost more than parsing a manifest.
    try:
        from _blake2 import blake2b
    except ImportError:  # a Python built without it
        from hashlib import blake2b
    return blake2b(raw, digest_size=32).hexdigest()


class _TomlSyntaxError(ValueError):
    """tomllib's decode error, kept apart from the ValueErrors a cached JSON file may raise."""


def _parsed_toml(raw: bytes, text: str) -> dict:
    """tomllib.loads(text), remembered as JSON under the file's content hash: parsing every lesson.toml on each
    `tutor list` costs more than Python's own start. Content-addressed, so an edited manifest is parsed anew;
    a manifest with TOML dates (not JSON) is simply parsed each time. Errors are never cached."""
    import json

    cached = _toml_cache_dir() / (_content_key(raw) + ".json")
    try:
        data = json.loads(cached.read_bytes())
        if isinstance(data, dict):
            return data
    except (OSError, ValueError):
        pass
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _TomlSyntaxError(str(exc)) from None
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_name(f"{cached.name}.{os.getpid()}.part")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, cached)
    except (OSError, TypeError, ValueError):
        pass  # a read-only cache, or values JSON cannot hold: only costs time
    return data


def parse_manifest(path: Path) -> Manifest:
    """Read and validate one `lesson.toml`; raises ManifestError with file, line, field and fix."""
    try:
        raw_bytes = path.read_bytes()
    except OSError as exc:
        raise ManifestError(path, None, "", f"cannot read the file ({exc.strerror})", "check that it exists") from None
    try:
        text = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw_bytes[: exc.start].count(b"\n") + 1
        raise ManifestError(path, line, "", "the file is not UTF-8", "save it as UTF-8") from None
    try:
        data = _parsed_toml(raw_bytes, text)
    except _TomlSyntaxError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line = int(m.group(1)) if m else None
        problem = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ManifestError(path, line, "", f"TOML syntax error: {problem}",
                            "fix the syntax (strings need quotes, tables [name], arrays [a, b])") from None
    v = _Validator(path, text)
    v.table(data, (), TOP_KEYS, ("format", "title", "summary"))
    fmt = data["format"]
    if fmt != FORMAT_VERSION:
        raise v.fail(("format",), f"unsupported format {fmt!r}", f"this tutor reads format = {FORMAT_VERSION}")
    for key in ("quiz", "exercise"):
        if key in data and not isinstance(data[key], list):
            raise v.fail((key,), "expected an array of tables", f"write each entry under [[{key}]]")
    quiz = tuple(_question(v, q, ("quiz", n)) for n, q in enumerate(data.get("quiz", [])))
    exercises = tuple(_exercise(v, e, ("exercise", n)) for n, e in enumerate(data.get("exercise", [])))
    for kind, items in (("quiz", quiz), ("exercise", exercises)):
        seen: set[str] = set()
        for n, item in enumerate(items):
            if item.id in seen:
                raise v.fail((kind, n, "id"), f"duplicate id '{item.id}'", "give every entry its own id")
            seen.add(item.id)
    return Manifest(fmt, v.text_pair(data, "title", ()), v.text_pair(data, "summary", ()), quiz, exercises)


def _dotted(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {str: "a string", int: "a number", float: "a number", bool: "a boolean", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)


__all__ = ["Manifest", "ManifestError", "ExerciseSpec", "Question", "Misconception", "Text", "TextList",
           "parse_manifest", "LANGS", "QUIZ_KINDS", "RUNTIMES"]
