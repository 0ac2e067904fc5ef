"""`tutor lesson new SLUG` and `tutor lesson check [ID...]`: the command-line side of lesson authoring.

Exit codes: 0 ok, 1 a check failed, 2 bad input.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.core.i18n import default_lang, pick

if TYPE_CHECKING:
    from tutor.authoring.check import Finding
    from tutor.core.course import Lesson

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def _bad(message: str) -> int:
    print(f"tutor: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def cli_new(args: argparse.Namespace) -> int:
    from tutor.authoring.scaffold import ScaffoldError, new_lesson

    lang = getattr(args, "lang", None) or default_lang()
    dirs = list(getattr(args, "course", None) or [])
    root = Path(dirs[-1]) if dirs else Path.cwd()
    try:
        written = new_lesson(root, args.slug)
    except (ScaffoldError, FileExistsError, OSError) as exc:
        return _bad(str(exc))
    for path in written:
        print(path)
    from tutor.core.course import builtin_root

    # The built-in course is always seen; any other folder must be named with --course.
    course = "" if root.resolve() == builtin_root().resolve() else f" --course {root}"
    print(pick(lang, f"next: tutor lesson check {args.slug}{course}   (then make the lesson your own; "
                     "docs/instructors.md has the format)",
               f"siguiente: tutor lesson check {args.slug}{course}   (luego adapta la lección; "
               "docs/instructors.md describe el formato)"), file=sys.stderr)
    return EXIT_OK


def select(ids: list[str], lessons: list[Lesson]) -> tuple[list[Lesson], dict[Lesson, set[str]]]:
    """Lessons by slug, exercises by `lesson/exercise`; raises LookupError naming the closest ids."""
    import difflib

    chosen: list[Lesson] = []
    only: dict[Lesson, set[str]] = {}
    whole: set[Lesson] = set()
    for ident in ids:
        slug, _, exercise = ident.partition("/")
        matches = [l for l in lessons if l.slug == slug]
        if exercise:
            matches = [l for l in matches if l.broken or any(e.spec.id == exercise for e in l.exercises)]
        if not matches:
            pool = [l.slug for l in lessons] + [e.id for l in lessons for e in l.exercises]
            close = difflib.get_close_matches(ident, pool, n=3, cutoff=0.5)
            hint = f"did you mean {' or '.join(close)}?" if close else "run `tutor list` to see the ids"
            raise LookupError(f"unknown lesson or exercise '{ident}': {hint}")
        for lesson in matches:
            if lesson not in chosen:
                chosen.append(lesson)
            if exercise and not lesson.broken:
                only.setdefault(lesson, set()).add(ident)
            else:
                whole.add(lesson)
    for lesson in whole:
        only.pop(lesson, None)  # the whole lesson was asked for too
    return chosen, only


def cli_check(args: argparse.Namespace) -> int:
    from tutor.authoring.check import Checker
    from tutor.core.course import load_course

    lang = getattr(args, "lang", None) or default_lang()
    dirs = list(getattr(args, "course", None) or [])
    for d in dirs:
        if not Path(d).is_dir():
            return _bad(f"--course {d}: no such folder")
    course = load_course(dirs)
    own = {Path(d).resolve() for d in dirs}
    # With --course, only that course's lessons; without, every course the tutor sees (built-in, installed).
    roots = [r for r in course.roots if not own or r.resolve() in own]
    roots = [r for r in roots if (r / "exercises").is_dir()]
    lessons = [l for l in course.lessons if not own or l.root.resolve() in own]
    ids = list(getattr(args, "ids", None) or [])
    only: dict[Lesson, set[str]] = {}
    if ids:
        try:
            lessons, only = select(ids, lessons)
        except LookupError as exc:
            return _bad(str(exc.args[0]))
    elif not lessons and not roots:
        return _bad(pick(lang, "no lessons to check: pass --course DIR (a folder with exercises/)",
                         "no hay lecciones que comprobar: pasa --course DIR (una carpeta con exercises/)"))
    findings = Checker(lang).run(lessons, roots, only, whole_roots=not ids)
    print_findings(findings, lang)
    return EXIT_FAILED if any(not f.ok for f in findings) else EXIT_OK


def print_findings(findings: list[Finding], lang: str) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(highlight=False, width=None if sys.stdout.isatty() else 140)
    table = Table(title=pick(lang, "Lesson check", "Comprobación de lecciones"), title_justify="left")
    table.add_column(pick(lang, "lesson / exercise", "lección / ejercicio"))
    table.add_column(pick(lang, "check", "comprobación"))
    table.add_column("")
    table.add_column(pick(lang, "detail", "detalle"), overflow="fold")
    order = {}
    for f in findings:
        order.setdefault(f.subject, len(order))
    for f in sorted(findings, key=lambda f: order[f.subject]):  # stable: each subject's checks stay in order
        mark = "[green]✓[/]" if f.ok else "[red]✗[/]"
        table.add_row(escape(f.subject), escape(f.check), mark, escape(f.detail))
    console.print(table)
    failed = sum(not f.ok for f in findings)
    # Each reason again on one unwrapped line: whole in a CI log, and easy to grep.
    for f in findings:
        if not f.ok:
            console.print(f"[red]✗[/] {escape(f.subject)}: {escape(f.check)}: {escape(f.detail)}", soft_wrap=True)
    if failed:
        console.print(pick(lang, f"[red]{failed} of {len(findings)} checks failed[/]",
                           f"[red]fallaron {failed} de {len(findings)} comprobaciones[/]"))
    else:
        console.print(pick(lang, f"[green]all {len(findings)} checks passed[/]",
                           f"[green]las {len(findings)} comprobaciones pasaron[/]"))
