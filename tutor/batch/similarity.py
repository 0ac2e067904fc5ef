"""Similar submissions of one exercise: evidence for an instructor to look at, never a verdict.

Two tests, each on every pair of a class's submissions of one exercise:
  identical   the same program once comments, whitespace, docstrings and the names the student chose are
              normalised away (`normalise`);
  similar     copydetect's winnowed fingerprints (the detector of Stanford's MOSS, kept as a library) overlap
              by at least `threshold` of both files, with the starter's and the reference's fingerprints
              removed as boilerplate.
A submission that is the starter or the reference itself (normalised) is left out: many students share those
without having shared anything with each other.
"""
from __future__ import annotations

import builtins
import hashlib
import io
import keyword
import tokenize
from dataclasses import dataclass, field
from itertools import combinations
from typing import Iterable

DEFAULT_THRESHOLD = 0.6
NOISE_CHARS = 25  # copydetect's noise threshold: shorter matches are coincidence
_KEEP = set(dir(builtins)) | {"np", "tf", "keras", "math", "self"}


@dataclass(frozen=True)
class Line:
    number: int
    text: str
    shared: bool


@dataclass(frozen=True)
class SimilarPair:
    exercise: str
    first: str
    second: str
    kind: str  # "identical" or "similar"
    similarity: float  # the smaller of the two files' shares of matched code (1.0 for identical)
    lines: tuple[tuple[Line, ...], tuple[Line, ...]] = field(default=((), ()), compare=False)

    def to_dict(self) -> dict:
        return {"exercise": self.exercise, "students": [self.first, self.second], "kind": self.kind,
                "similarity": round(self.similarity, 3),
                "shared_lines": [[ln.number for ln in side if ln.shared] for side in self.lines]}


def normalise(source: str) -> str | None:
    """The program's tokens without comments, layout or docstrings, each chosen name replaced by its order of
    first appearance; None when the source does not tokenise."""
    names: dict[str, str] = {}
    out: list[str] = []
    previous = tokenize.NEWLINE
    skip_newline = False
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            kind, text = tok.type, tok.string
            if kind in (tokenize.COMMENT, tokenize.NL, tokenize.ENCODING, tokenize.ENDMARKER):
                continue
            if kind == tokenize.STRING and previous in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
                previous, skip_newline = kind, True  # a docstring, or a string alone as a statement: prose
                continue
            if skip_newline and kind == tokenize.NEWLINE:
                skip_newline, previous = False, kind
                continue
            skip_newline, previous = False, kind
            if kind == tokenize.NAME and not keyword.iskeyword(text) and text not in _KEEP:
                text = names.setdefault(text, f"_{len(names)}")
            elif kind in (tokenize.INDENT, tokenize.DEDENT, tokenize.NEWLINE):
                text = {tokenize.INDENT: "{", tokenize.DEDENT: "}", tokenize.NEWLINE: ";"}[kind]
            out.append(text)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None
    return " ".join(out)


def _digest(source: str) -> str | None:
    norm = normalise(source)
    return hashlib.sha256(norm.encode("utf-8")).hexdigest() if norm is not None else None


def _fingerprint(name: str, source: str, boilerplate: Iterable[int] = ()):  # -> copydetect.CodeFingerprint
    from copydetect import CodeFingerprint

    return CodeFingerprint(name, NOISE_CHARS, 1, boilerplate=list(boilerplate), fp=io.StringIO(source),
                           language="python")


def _lines(source: str, starts: Iterable[int], ends: Iterable[int]) -> tuple[Line, ...]:
    """The file's lines, each marked shared when a matched slice covers some of its non-blank text."""
    text_lines = source.splitlines()
    offsets, at = [], 0
    for line in text_lines:
        offsets.append(at)
        at += len(line) + 1
    shared = set()
    for start, end in zip(starts, ends):
        for n, begin in enumerate(offsets):
            finish = begin + len(text_lines[n])
            if begin < end and start < finish and text_lines[n][max(0, start - begin):end - begin].strip():
                shared.add(n)
    return tuple(Line(n + 1, line, n in shared) for n, line in enumerate(text_lines))


def similar_pairs(exercise: str, sources: dict[str, str], excluded: Iterable[str] = (),
                  threshold: float = DEFAULT_THRESHOLD) -> list[SimilarPair]:
    """Pairs of students whose submissions look alike, most alike first. `excluded`: the starter and the
    reference (left out when a submission is one of them, and their fingerprints never count as a match)."""
    from copydetect import compare_files

    excluded = [s for s in excluded if s]
    left_out = {_digest(s) for s in excluded} - {None}
    boilerplate: set[int] = set()
    for n, source in enumerate(excluded):
        try:
            boilerplate |= set(_fingerprint(f"excluded{n}.py", source).hashes)
        except Exception:
            pass  # a starter that does not tokenise protects nothing
    kept = {}
    for student, source in sorted(sources.items()):
        digest = _digest(source)
        if digest in left_out:
            continue
        try:
            kept[student] = (source, digest, _fingerprint(f"{student}.py", source, boilerplate))
        except Exception:
            continue  # not Python a tokenizer reads (e.g. a binary file): nothing to compare
    pairs = []
    for (a, (src_a, dig_a, fp_a)), (b, (src_b, dig_b, fp_b)) in combinations(kept.items(), 2):
        identical = dig_a is not None and dig_a == dig_b
        _, (sim_a, sim_b), (slices_a, slices_b) = compare_files(fp_a, fp_b)
        similarity = 1.0 if identical else float(min(sim_a, sim_b))
        if not identical and similarity < threshold:
            continue
        if identical and (len(slices_a) == 0 or len(slices_a[0]) == 0):
            lines = (_lines(src_a, [0], [len(src_a)]), _lines(src_b, [0], [len(src_b)]))
        else:
            lines = (_lines(src_a, slices_a[0], slices_a[1]), _lines(src_b, slices_b[0], slices_b[1]))
        pairs.append(SimilarPair(exercise, a, b, "identical" if identical else "similar", similarity, lines))
    pairs.sort(key=lambda p: (-p.similarity, p.first, p.second))
    return pairs
