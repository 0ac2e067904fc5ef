"""`tutor lesson check`: prove lessons sound before learners see them.

Static checks (manifest, both languages, files present, grader markers, quiz keys, stray or orphan files) and
graded checks through tutor.grading.grade (the reference passes 100%, the untouched starter does not pass, each
misconception fails and is recognised, also with its mistake in one function only: tutor/authoring/one_place.py).
Every grade of one run goes through one warm Grader, two at a time.
"""
from __future__ import annotations

import ast
import difflib
import os
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from tutor.authoring.one_place import one_place_jobs, prove_in_one_place
from tutor.core.course import LESSON_DIR_RE
from tutor.core.i18n import pick
from tutor.core.instructions import FILENAME as INSTRUCTIONS_FILE

if TYPE_CHECKING:
    from tutor.core.course import Exercise, Lesson
    from tutor.core.manifest import Question
    from tutor.grading.result import GradeResult
    from tutor.grading.grader import Grader

ASSET_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}
ASSET_DIRS = {"assets", "images", "img", "figures"}
IGNORED = {"__pycache__", ".pytest_cache"}


@dataclass(frozen=True)
class Finding:
    subject: str  # "lesson-slug" or "lesson-slug/exercise"
    check: str
    ok: bool
    detail: str = ""


class Checker:
    def __init__(self, lang: str = "en", workers: int = 2, grade: bool = True) -> None:
        self.lang = lang
        self.workers = workers
        self.grade = grade  # False: the static checks alone (no worker is started)
        self.static: list[Finding] = []
        self._graded: list[Future] = []
        self._grader: Grader | None = None
        self._threads: ThreadPoolExecutor | None = None

    def add(self, subject: str, check: str, ok: bool, detail: str = "") -> None:
        self.static.append(Finding(subject, check, ok, detail))

    # --- running ---------------------------------------------------------------------------------
    def run(self, lessons: list[Lesson], roots: list[Path], exercise_ids: dict[Lesson, set[str]] | None = None,
            whole_roots: bool = True) -> list[Finding]:
        from tutor.grading.grader import Grader

        all_roots = tuple(sorted({r.resolve() for r in roots} | {l.root.resolve() for l in lessons}))
        self._grader = Grader(all_roots)  # one Grader, warm: every grade of the run reuses its workers
        self._threads = ThreadPoolExecutor(max_workers=self.workers) if self.grade else None
        try:
            if whole_roots:
                for root in roots:
                    self.check_root(root)
            for lesson in lessons:
                only = exercise_ids.get(lesson) if exercise_ids else None
                self.check_lesson(lesson, only)
            graded = [f for fut in self._graded for f in fut.result()]
        finally:
            if self._threads is not None:
                self._threads.shutdown(wait=True)
            self._grader.close()
        return self.static + graded

    def _grade_later(self, job: Callable[[], list[Finding]]) -> None:
        if self.grade and self._threads is not None:
            self._graded.append(self._threads.submit(self._guard, job))

    def _guard(self, job: Callable[[], list[Finding]]) -> list[Finding]:
        try:
            return job()
        except Exception as exc:  # a check must report, never stop the others
            return [Finding("?", "grade", False, f"{type(exc).__name__}: {exc}")]

    def _grade(self, exercise: Exercise, path: Path, **kwargs: object) -> tuple[GradeResult, float]:
        started = time.monotonic()
        result = self._grader.grade(exercise, path, lang=self.lang, **kwargs)
        return result, time.monotonic() - started

    # --- a course root ---------------------------------------------------------------------------
    def check_root(self, root: Path) -> None:
        subject = str(root)
        lesson_dirs = set()
        slugs: dict[str, str] = {}
        folder = root / "exercises"
        for name in sorted(os.listdir(folder)) if folder.is_dir() else ():
            if name in IGNORED or name.startswith(".") or not (folder / name).is_dir():
                continue
            m = LESSON_DIR_RE.match(name)
            if not m:
                self.add(subject, "lesson folders", False, pick(self.lang, 
                    f"exercises/{name} is not a lesson folder: name it NN-slug (e.g. 05-{_slugish(name)})",
                    f"exercises/{name} no es una carpeta de lección: llámala NN-slug (p. ej. 05-{_slugish(name)})"))
                continue
            lesson_dirs.add(name)
            if m.group(2) in slugs:
                self.add(subject, "lesson folders", False, pick(self.lang, 
                    f"exercises/{slugs[m.group(2)]} and exercises/{name} have the same slug '{m.group(2)}': "
                    "ids would collide; rename one",
                    f"exercises/{slugs[m.group(2)]} y exercises/{name} tienen el mismo slug '{m.group(2)}': "
                    "los ids chocarían; renombra una"))
            slugs[m.group(2)] = name
        for sub in ("solutions", "graders"):
            other = root / sub
            for name in sorted(os.listdir(other)) if other.is_dir() else ():
                if name in IGNORED or name.startswith(".") or not (other / name).is_dir():
                    continue
                if name not in lesson_dirs:
                    self.add(subject, "orphan files", False, pick(self.lang, 
                        f"{sub}/{name} belongs to no lesson (there is no exercises/{name}); rename or remove it",
                        f"{sub}/{name} no pertenece a ninguna lección (no existe exercises/{name}); "
                        "renómbrala o bórrala"))

    # --- a lesson --------------------------------------------------------------------------------
    def check_lesson(self, lesson: Lesson, only: set[str] | None = None) -> None:
        subject = lesson.slug
        if lesson.broken:
            # The error names the file from the course root: short enough for the table, exact enough to open.
            self.add(subject, "manifest", False, str(lesson.error).replace(f"{lesson.root}{os.sep}", ""))
            return
        self.add(subject, "manifest", True, f"{lesson.dirname}/lesson.toml")
        if only is None:
            self.check_texts(lesson)
            self.check_quiz(lesson)
            self.check_strays(lesson)
            self.check_glossary(lesson)
            self.check_instructions(lesson)
        for exercise in lesson.exercises:
            if only is None or exercise.id in only:
                self.check_exercise(exercise)

    def check_texts(self, lesson: Lesson) -> None:
        problems = []
        for lang in ("en", "es"):
            path = lesson.text_path(lang)
            if not path.is_file():
                problems.append(pick(self.lang, f"{_rel(path, lesson.root)} is missing: write the lesson text in "
                                       f"{_lang_name(lang, 'en')}",
                                       f"falta {_rel(path, lesson.root)}: escribe el texto de la lección en "
                                       f"{_lang_name(lang, 'es')}"))
            elif not path.read_text(encoding="utf-8", errors="replace").strip():
                problems.append(pick(self.lang, f"{_rel(path, lesson.root)} is empty", f"{_rel(path, lesson.root)} está vacío"))
        for p in problems:
            self.add(lesson.slug, "lesson text", False, p)
        if not problems:
            self.add(lesson.slug, "lesson text", True, "lesson.en.md, lesson.es.md")

    def check_quiz(self, lesson: Lesson) -> None:
        bad = 0
        for q in lesson.manifest.quiz:
            problem = quiz_key_problem(q)
            if problem:
                bad += 1
                self.add(lesson.slug, f"quiz {q.id}", False, problem)
        if not bad:
            n = len(lesson.manifest.quiz)
            self.add(lesson.slug, "quiz keys", True, pick(self.lang, f"{n} answer keys valid", f"{n} claves válidas"))

    def check_strays(self, lesson: Lesson) -> None:
        problems = stray_files(lesson, self.lang)
        for p in problems:
            self.add(lesson.slug, "stray files", False, p)
        if not problems:
            self.add(lesson.slug, "stray files", True, pick(self.lang, "none", "ninguno"))

    def check_glossary(self, lesson: Lesson) -> None:
        from tutor.core.glossary import lesson_slips  # docs/glossary.md: one Spanish word per idea

        slips = lesson_slips(lesson)
        for slip in slips:
            self.add(lesson.slug, "glossary", False, pick(self.lang, f"{slip}: see docs/glossary.md",
                                                            f"{slip}: ver docs/glossary.md"))
        if not slips:
            self.add(lesson.slug, "glossary", True, "lesson.es.md, lesson.toml")

    def check_instructions(self, lesson: Lesson) -> None:
        from tutor.core.instructions import untranslated  # the starters' docstrings, in Spanish

        problems = untranslated(lesson)
        for p in problems:
            self.add(lesson.slug, "instructions (es)", False, p)
        if not problems:
            self.add(lesson.slug, "instructions (es)", True, INSTRUCTIONS_FILE)

    # --- an exercise -----------------------------------------------------------------------------
    def check_exercise(self, exercise: Exercise) -> None:
        subject = exercise.id
        spec = exercise.spec
        missing = []
        for what, path, fix_en, fix_es in (
                ("starter", exercise.starter, "the learner's file with signatures and # TODO",
                 "el archivo del alumno con firmas y # TODO"),
                ("solution", exercise.solution, "the reference implementation", "la implementación de referencia"),
                ("grader", exercise.grader, "the pytest checks", "las comprobaciones pytest")):
            if not path.is_file():
                missing.append(pick(self.lang, f"no {what} at {_rel(path, exercise.lesson.root)}: write {fix_en}",
                                      f"no hay {what} en {_rel(path, exercise.lesson.root)}: escribe {fix_es}"))
        for m in missing:
            self.add(subject, "files", False, m)
        if not missing:
            self.add(subject, "files", True, pick(self.lang, "starter, solution, grader", "inicial, solución, evaluador"))
        texts = []
        for lang in ("en", "es"):
            if not spec.title.get(lang).strip():
                texts.append(pick(self.lang, f"title.{lang} is empty", f"title.{lang} está vacío"))
            if len([h for h in spec.hints.get(lang) if h.strip()]) < 2:
                texts.append(pick(self.lang, f"hints.{lang} needs at least two hints", f"hints.{lang} necesita al menos dos pistas"))
        for p in texts:
            self.add(subject, "titles and hints", False, p)
        if not texts:
            self.add(subject, "titles and hints", True, "en, es")
        if exercise.grader.is_file():
            problems = grader_marker_problems(exercise.grader, self.lang)
            for p in problems:
                self.add(subject, "grader markers", False, p)
            if not problems:
                self.add(subject, "grader markers", True, "points, title(en, es)")
        if missing:
            return  # grading needs all three files
        self._grade_later(lambda: self.check_reference(exercise))
        self._grade_later(lambda: self.check_starter(exercise))
        for m in spec.misconceptions:
            self._grade_later(lambda m=m: self.check_misconception(exercise, m))
            for name in one_place_jobs(exercise, m):
                self._grade_later(lambda m=m, name=name: self.check_one_place(exercise, m, name))

    def check_one_place(self, exercise: Exercise, m: object, name: str) -> list[Finding]:
        rel = _rel(exercise.misconception_file(m), exercise.lesson.root)
        ok, detail = prove_in_one_place(exercise, m, name, lambda path: self._grade(exercise, path)[0], rel,
                                        self.lang)
        return [Finding(exercise.id, f"misconception {m.id}, {name}() alone", ok, detail)]

    def check_reference(self, exercise: Exercise) -> list[Finding]:
        result, seconds = self._grade(exercise, exercise.solution, detect_misconceptions=False)
        if result.status == "passed" and result.score == result.max_score:
            return [Finding(exercise.id, "reference passes", True, f"{result.score:g}/{result.max_score:g}, "
                                                                   f"{seconds:.2f} s")]
        return [Finding(exercise.id, "reference passes", False, pick(self.lang, 
            f"the reference solution does not pass 100%: {describe(result)}",
            f"la solución de referencia no obtiene 100%: {describe(result)}"))]

    def check_starter(self, exercise: Exercise) -> list[Finding]:
        result, _ = self._grade(exercise, exercise.starter, detect_misconceptions=False)
        if result.status == "infra":
            return [Finding(exercise.id, "starter fails", False, pick(self.lang, 
                f"the starter could not be graded: {result.message}",
                f"no se pudo calificar el archivo inicial: {result.message}"))]
        if result.status == "passed":
            return [Finding(exercise.id, "starter fails", False, pick(self.lang, 
                "the untouched starter passes every check: the grader checks too little, or the starter holds "
                "the answer",
                "el archivo inicial sin tocar aprueba todas las comprobaciones: el evaluador comprueba muy poco, "
                "o el archivo inicial trae la respuesta"))]
        return [Finding(exercise.id, "starter fails", True, f"{result.status}, {result.score:g}/{result.max_score:g}")]

    def check_misconception(self, exercise: Exercise, m: object) -> list[Finding]:
        check = f"misconception {m.id}"
        variant = exercise.misconception_file(m)
        rel = _rel(variant, exercise.lesson.root)
        if not variant.is_file():
            return [Finding(exercise.id, check, False, pick(self.lang, 
                f"no variant file at {rel}: write the solution with this one mistake",
                f"no hay variante en {rel}: escribe la solución con este único error"))]
        result, _ = self._grade(exercise, variant)
        if result.status == "passed":
            return [Finding(exercise.id, check, False, pick(self.lang, 
                f"{rel} passes every check: the grader cannot tell this mistake from the solution; add a check "
                "that catches it",
                f"{rel} aprueba todas las comprobaciones: el evaluador no distingue este error de la solución; "
                "agrega una comprobación que lo detecte"))]
        if result.status != "failed":
            return [Finding(exercise.id, check, False, pick(self.lang, 
                f"{rel} must fail its checks, but its verdict is {result.status}: {result.message}",
                f"{rel} debe fallar sus comprobaciones, pero su veredicto es {result.status}: {result.message}"))]
        got = result.misconception.id if result.misconception else None
        if got == m.id:
            return [Finding(exercise.id, check, True, pick(self.lang, "fails and is recognised", "falla y se reconoce"))]
        if got is not None:
            return [Finding(exercise.id, check, False, pick(self.lang, 
                f"{rel} is recognised as '{got}' instead: the grader cannot tell the two mistakes apart",
                f"{rel} se reconoce como '{got}': el evaluador no distingue los dos errores"))]
        from tutor.grading.grader import explainable

        if not explainable(result):
            return [Finding(exercise.id, check, False, pick(self.lang,
                f"{rel} fails only where its own code raises: a variant must return the wrong values, not raise",
                f"{rel} falla solo donde su propio código lanza una excepción: una variante debe devolver los "
                "valores equivocados, no lanzar"))]
        # Which checks fail even against the variant itself: those compare with constants, not `reference`.
        against, _ = self._grade(exercise, variant, reference=variant)
        culprits = [c.title for c in against.checks if c.status != "passed"] or [against.message or against.status]
        return [Finding(exercise.id, check, False, pick(self.lang, 
            f"{rel} fails but is not recognised: graded against itself these checks still fail: "
            f"{'; '.join(culprits)}. Compare with the `reference` fixture in them",
            f"{rel} falla pero no se reconoce: calificada contra sí misma aún fallan: {'; '.join(culprits)}. "
            "Compara con el fixture `reference` en ellas"))]


# --- static helpers ------------------------------------------------------------------------------

def quiz_key_problem(q: Question) -> str | None:
    """Why a quiz answer key is unusable, or None. Expression keys must parse with sympy and answer themselves."""
    from tutor.core.answers import AnswerFormatError, AnswerKeyError, check_answer, validate_key

    try:
        validate_key(q)
    except AnswerKeyError as exc:
        return f"answer: {exc} — {exc.fix}"
    if q.kind == "expression":
        from tutor.core.answers import _expr

        try:
            _expr(q.answer, q.symbols)
        except AnswerFormatError as exc:
            return f"answer: sympy cannot read the key: {exc}"
    if q.kind in ("number", "shape", "expression"):
        try:
            if not check_answer(q, q.answer).correct:
                return f"answer: the key {q.answer!r} is not accepted as its own answer"
        except (AnswerFormatError, ValueError, TypeError) as exc:
            return f"answer: the key cannot be checked: {exc}"
    return None


def grader_marker_problems(path: Path, lang: str) -> list[str]:
    """Every check (a top-level test_ function) needs @pytest.mark.points(n) and @pytest.mark.title(en=, es=)."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except (SyntaxError, UnicodeDecodeError) as exc:
        return [pick(lang, f"{path.name} does not parse: {exc}", f"{path.name} no se puede leer: {exc}")]
    problems = []
    tests = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
             and n.name.startswith("test")]
    if not tests:
        return [pick(lang, f"{path.name} has no test_ functions: write at least one check",
                     f"{path.name} no tiene funciones test_: escribe al menos una comprobación")]
    for node in tests:
        marks = {}
        for dec in node.decorator_list:
            target = dec.func if isinstance(dec, ast.Call) else dec
            name = ast.unparse(target)
            if name.startswith("pytest.mark."):
                marks[name.removeprefix("pytest.mark.")] = dec
        if "points" not in marks:
            problems.append(pick(lang, f"{node.name} has no @pytest.mark.points(n)",
                                 f"{node.name} no tiene @pytest.mark.points(n)"))
        title = marks.get("title")
        keys = {k.arg for k in title.keywords} if isinstance(title, ast.Call) else set()
        if not {"en", "es"} <= keys:
            problems.append(pick(lang, f'{node.name} needs @pytest.mark.title(en="…", es="…")',
                                 f'{node.name} necesita @pytest.mark.title(en="…", es="…")'))
    return problems


def stray_files(lesson: Lesson, lang: str) -> list[str]:
    """Files that belong to no exercise: a misnamed starter, an orphan solution or grader, an unregistered variant."""
    root, d = lesson.root, lesson.dirname
    files = {e.spec.file for e in lesson.exercises}
    ids = [e.spec.id for e in lesson.exercises]
    out: list[str] = []

    def near(stem: str) -> str:
        close = difflib.get_close_matches(stem.replace("_", "-"), ids, n=1, cutoff=0.6)
        return pick(lang, f" (did you mean '{close[0]}'?)", f" (¿quisiste decir '{close[0]}'?)") if close else ""

    folder = root / "exercises" / d
    for entry in _entries(folder):
        name = entry.name
        if entry.is_dir():
            if name not in ASSET_DIRS:
                out.append(pick(lang, f"exercises/{d}/{name}/ is not part of the lesson (images go in assets/)",
                                f"exercises/{d}/{name}/ no es parte de la lección (las imágenes van en assets/)"))
        elif name in ("lesson.toml", "lesson.en.md", "lesson.es.md", INSTRUCTIONS_FILE) or name in files:
            continue
        elif name.endswith(".py"):
            out.append(pick(lang, f"exercises/{d}/{name} is the starter of no exercise in lesson.toml{near(name[:-3])}",
                            f"exercises/{d}/{name} no es el archivo inicial de ningún ejercicio de lesson.toml"
                            f"{near(name[:-3])}"))
        elif entry.suffix.lower() not in ASSET_SUFFIXES:
            out.append(pick(lang, f"exercises/{d}/{name} is a stray file (learners get only starters and images)",
                            f"exercises/{d}/{name} sobra (los alumnos reciben solo archivos iniciales e imágenes)"))
    folder = root / "solutions" / d
    for entry in _entries(folder):
        name = entry.name
        if entry.is_dir() and name == "wrong":
            out += _stray_variants(lesson, entry, lang)
        elif entry.suffix == ".py" and name not in files:
            out.append(pick(lang, f"solutions/{d}/{name} is an orphan solution: no exercise "
                                  f"'{name[:-3].replace('_', '-')}' in lesson.toml and no starter{near(name[:-3])}",
                            f"solutions/{d}/{name} es una solución huérfana: no hay ejercicio "
                            f"'{name[:-3].replace('_', '-')}' en lesson.toml ni archivo inicial{near(name[:-3])}"))
    folder = root / "graders" / d
    helpers = _imported_names(folder)
    for entry in _entries(folder):
        name = entry.name
        if entry.suffix != ".py" or name == "conftest.py" or name.startswith("_") or name[:-3] in helpers:
            continue  # hidden data and shared helpers (imported by a grader, _common.py, conftest.py) are allowed
        stem = name.removeprefix("test_")[:-3]
        if not name.startswith("test_") or f"{stem}.py" not in files:
            out.append(pick(lang, f"graders/{d}/{name} grades no exercise of lesson.toml{near(stem)}; graders are "
                                  "test_<exercise>.py, helpers are imported by one",
                            f"graders/{d}/{name} no califica ningún ejercicio de lesson.toml{near(stem)}; los "
                            "evaluadores son test_<ejercicio>.py, los auxiliares los importa uno"))
    return out


def _stray_variants(lesson: Lesson, wrong: Path, lang: str) -> list[str]:
    d = lesson.dirname
    registered = {e.misconception_file(m).resolve() for e in lesson.exercises for m in e.spec.misconceptions}
    modules = {e.module: e for e in lesson.exercises}
    out = []
    for entry in _entries(wrong):
        rel = f"solutions/{d}/wrong/{entry.name}"
        if not entry.is_dir():
            out.append(pick(lang, f"{rel} is a stray file: variants go in wrong/<exercise>/<misconception>.py",
                            f"{rel} sobra: las variantes van en wrong/<ejercicio>/<concepción>.py"))
        elif entry.name not in modules:
            out.append(pick(lang, f"{rel}/ is for no exercise of lesson.toml", f"{rel}/ no es de ningún ejercicio de lesson.toml"))
        else:
            for variant in _entries(entry):
                if variant.resolve() not in registered:
                    mid = variant.stem.replace("_", "-")
                    out.append(pick(lang, f"{rel}/{variant.name} is not registered: add [[exercise.misconception]] "
                                          f"id = \"{mid}\" with its hint, or remove the file",
                                    f"{rel}/{variant.name} no está registrada: agrega [[exercise.misconception]] "
                                    f"id = \"{mid}\" con su pista, o borra el archivo"))
    return out


def _imported_names(folder: Path) -> set[str]:
    """Module names that the graders in a folder import: those files are helpers, not strays."""
    names: set[str] = set()
    for path in folder.glob("*.py") if folder.is_dir() else ():
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError, OSError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(part for a in node.names for part in a.name.split("."))
            elif isinstance(node, ast.ImportFrom):
                names.update((node.module or "").split("."))
                names.update(a.name for a in node.names)
    return names


def _entries(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name not in IGNORED and not p.name.startswith(".")
                  and not p.name.endswith(".pyc"))


def describe(result: GradeResult) -> str:
    if result.status == "failed":
        failed = [f"{c.title}: {c.message.splitlines()[0] if c.message else c.status}"
                  for c in result.checks if c.status != "passed"]
        return f"{result.score:g}/{result.max_score:g}; " + "; ".join(failed[:3])
    return f"{result.status}: {result.message}"


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _slugish(name: str) -> str:
    return "-".join(p for p in "".join(c.lower() if c.isalnum() else " " for c in name).split()) or "lesson"


def _lang_name(code: str, lang: str) -> str:
    names = {"en": ("English", "inglés"), "es": ("Spanish", "español")}
    en, es = names[code]
    return pick(lang, en, es)
