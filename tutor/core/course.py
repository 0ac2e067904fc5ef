"""The course model: lessons found in course roots, exercises addressed by `lesson/exercise` ids.

A course root holds `exercises/NN-slug/`, `solutions/NN-slug/` and `graders/NN-slug/`. Paths derive from ids;
order comes from NN. A lesson whose manifest is broken is kept, marked broken, and never hides the others.
"""
from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from tutor.core.i18n import Bilingual
from tutor.core.manifest import ExerciseSpec, Manifest, ManifestError, Misconception, parse_manifest

LESSON_DIR_RE = re.compile(r"^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$")


class UnknownIdError(Bilingual, LookupError):
    def __init__(self, wanted: str, suggestions: list[str]) -> None:
        self.wanted, self.suggestions = wanted, suggestions
        if suggestions:
            en = f"did you mean {' or '.join(suggestions)}?"
            es = f"¿quisiste decir {' o '.join(suggestions)}?"
        else:
            en, es = "run `tutor list` to see the ids", "corre `tutor list` para ver los identificadores"
        super().__init__(f"unknown id '{wanted}': {en}", f"identificador desconocido '{wanted}': {es}")


def builtin_root() -> Path:
    """The built-in course: next to the package in a checkout, inside it (tutor/_course) when installed."""
    package = Path(__file__).resolve().parent.parent
    bundled = package / "_course"
    if bundled.is_dir():
        return bundled
    return package.parent


def course_roots(extra: list[str] | tuple[str, ...] = ()) -> list[Path]:
    """Built-in root first, then TUTOR_COURSE (os.pathsep separated), then --course, then installed courses."""
    roots = [builtin_root()]
    env = os.environ.get("TUTOR_COURSE", "")
    roots += [Path(p) for p in env.split(os.pathsep) if p]
    roots += [Path(p) for p in extra]
    roots += _entry_point_roots()
    seen, out = set(), []
    for r in roots:
        key = r.resolve()  # absolute: the sandbox hides these paths by name
        if key not in seen:
            seen.add(key)
            out.append(key)
    return out


ENTRY_POINT_GROUP = "tutor.courses"


def _course_entry_points() -> list[str]:
    """The values of every installed `tutor.courses` entry point, in sys.path order.

    What importlib.metadata.entry_points(group=...) finds, read straight from each *.dist-info/entry_points.txt:
    importing importlib.metadata and building every distribution's metadata cost more than the rest of
    `tutor list` together. Only files that mention the group are parsed."""
    values: list[str] = []
    seen: set[str] = set()
    for folder in sys.path:
        try:
            entries = list(os.scandir(folder or "."))
        except OSError:
            continue
        for entry in sorted(entries, key=lambda e: e.name):
            if not entry.name.endswith((".dist-info", ".egg-info")):
                continue
            dist = entry.name.split("-", 1)[0].lower().replace("_", "-")
            try:
                text = Path(entry.path, "entry_points.txt").read_text(encoding="utf-8")
            except OSError:
                continue
            if dist in seen or ENTRY_POINT_GROUP not in text:
                seen.add(dist)
                continue
            seen.add(dist)  # the first of a distribution on sys.path wins, as in importlib.metadata
            section = None
            for line in text.splitlines():
                line = line.strip()
                if line.startswith("[") and line.endswith("]"):
                    section = line[1:-1].strip()
                elif section == ENTRY_POINT_GROUP and "=" in line and not line.startswith(("#", ";")):
                    values.append(line.split("=", 1)[1].strip())
    return values


def _entry_point_roots() -> list[Path]:
    # A pip-installed course registers `tutor.courses = name = "pkg"` (or "pkg:attr" naming a path string).
    import importlib

    out = []
    for value in _course_entry_points():
        module_name, _, attr = value.partition(":")
        try:
            target = importlib.import_module(module_name.strip())
            for part in filter(None, attr.strip().split(".")):
                target = getattr(target, part)
        except Exception:
            continue
        path = Path(target.__file__).parent if hasattr(target, "__file__") else Path(str(target))
        out.append(path)
    return out


@dataclass(frozen=True)
class Exercise:
    lesson: Lesson
    spec: ExerciseSpec

    @property
    def id(self) -> str:
        return f"{self.lesson.slug}/{self.spec.id}"

    @property
    def module(self) -> str:
        return self.spec.file[:-3]

    @property
    def starter(self) -> Path:
        return self.lesson.root / "exercises" / self.lesson.dirname / self.spec.file

    @property
    def solution(self) -> Path:
        return self.lesson.root / "solutions" / self.lesson.dirname / self.spec.file

    @property
    def grader(self) -> Path:
        return self.lesson.root / "graders" / self.lesson.dirname / f"test_{self.spec.file}"

    def misconception_file(self, m: Misconception) -> Path:
        return self.lesson.root / "solutions" / self.lesson.dirname / "wrong" / self.module / f"{m.id.replace('-', '_')}.py"

    @property
    def workspace_name(self) -> str:
        """Where the learner's copy lives inside the workspace: NN-slug/file.py."""
        return f"{self.lesson.dirname}/{self.spec.file}"


@dataclass(frozen=True)
class Lesson:
    root: Path
    dirname: str
    number: int
    slug: str
    manifest: Manifest | None
    error: ManifestError | None = None

    @property
    def broken(self) -> bool:
        return self.manifest is None

    @property
    def folder(self) -> Path:
        return self.root / "exercises" / self.dirname

    def text_path(self, lang: str) -> Path:
        return self.folder / f"lesson.{lang}.md"

    @cached_property
    def exercises(self) -> tuple[Exercise, ...]:
        if self.manifest is None:
            return ()
        return tuple(Exercise(self, spec) for spec in self.manifest.exercises)

    def __hash__(self) -> int:
        return hash((self.root, self.dirname))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Lesson) and (self.root, self.dirname) == (other.root, other.dirname)


@dataclass(frozen=True)
class Course:
    lessons: tuple[Lesson, ...]
    roots: tuple[Path, ...]

    @property
    def exercises(self) -> tuple[Exercise, ...]:
        return tuple(e for lesson in self.lessons for e in lesson.exercises)

    def lesson(self, slug: str) -> Lesson:
        for lesson in self.lessons:
            if lesson.slug == slug:
                return lesson
        import difflib  # only for an unknown id: `tutor list` never needs it

        raise UnknownIdError(slug, difflib.get_close_matches(slug, [l.slug for l in self.lessons], n=3, cutoff=0.5))

    def exercise(self, ident: str) -> Exercise:
        ids = {e.id: e for e in self.exercises}
        if ident in ids:
            return ids[ident]
        # A bare exercise name is accepted when it is unambiguous ("adam" -> "optimizers/adam").
        bare = [e for e in self.exercises if e.spec.id == ident]
        if len(bare) == 1:
            return bare[0]
        import difflib

        pool = list(ids) + [e.spec.id for e in self.exercises]
        close = difflib.get_close_matches(ident, pool, n=5, cutoff=0.5)
        full = []
        for c in close:
            full.extend([c] if c in ids else [e.id for e in self.exercises if e.spec.id == c])
        raise UnknownIdError(ident, list(dict.fromkeys(full))[:3])


def load_lesson(root: Path, dirname: str) -> Lesson | None:
    m = LESSON_DIR_RE.match(dirname)
    if not m:
        return None
    number, slug = int(m.group(1)), m.group(2)
    try:
        manifest = parse_manifest(root / "exercises" / dirname / "lesson.toml")
    except ManifestError as exc:
        return Lesson(root, dirname, number, slug, None, exc)
    return Lesson(root, dirname, number, slug, manifest)


def load_course(extra_roots: list[str] | tuple[str, ...] = ()) -> Course:
    roots = course_roots(extra_roots)
    lessons: list[Lesson] = []
    for root in roots:
        folder = root / "exercises"
        if not folder.is_dir():
            continue
        for entry in sorted(os.listdir(folder)):
            if (folder / entry).is_dir() and (lesson := load_lesson(root, entry)) is not None:
                lessons.append(lesson)
    # Order by NN; the built-in course first among equal numbers, as roots are listed.
    order = {r: n for n, r in enumerate(roots)}
    lessons.sort(key=lambda l: (l.number, order[l.root], l.slug))
    return Course(tuple(lessons), tuple(roots))
