"""`tutor report GRADEBOOK --html DIR [--json] [--submissions FOLDER] [--lang es]`: what the class gets wrong.

Exit codes: 0 written, 2 bad input (no such gradebook, nothing asked for).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tutor.core.i18n import default_lang, pick

EXIT_OK, EXIT_BAD_INPUT = 0, 2
PAGE = "report.html"


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser, lang: str = "en") -> None:
    s = sub.add_parser("report", parents=[common], help=pick(
        lang, "instructors: one page on what the class gets wrong",
        "docentes: una página sobre lo que la clase hace mal"))
    s.add_argument("gradebook", help="the gradebook `tutor grade` wrote")
    s.add_argument("--html", metavar="DIR", help=f"write DIR/{PAGE}, one self-contained page")
    s.add_argument("--json", action="store_true", help="print the same numbers as one JSON object")
    s.add_argument("--submissions", metavar="FOLDER",
                   help="the class's folder (one folder per student): similar submissions, and attempts, hints "
                        "and time to pass where the folders are workspaces")
    s.add_argument("--similarity", type=float, default=None, metavar="SHARE",
                   help="the share of matching code that lists a pair (default 0.6)")


def cli_report(args: argparse.Namespace) -> int:
    from tutor.batch.class_report import build_report
    from tutor.batch.gradebook import Gradebook, GradebookError

    lang = getattr(args, "lang", None) or default_lang()
    book_path = Path(args.gradebook)
    if not args.html and not args.json:
        return _bad(pick(lang, "say what to write: --html DIR, --json, or both",
                         "indica qué escribir: --html CARPETA, --json, o ambos"))
    if not book_path.is_file():  # Gradebook() would create an empty one
        return _bad(pick(lang, f"{book_path}: no such gradebook; `tutor grade ... --gradebook FILE` writes one",
                         f"{book_path}: no existe ese libro de notas; `tutor grade ... --gradebook ARCHIVO` lo crea"))
    submissions = Path(args.submissions) if args.submissions else None
    if submissions is not None and not submissions.is_dir():
        return _bad(f"--submissions {submissions}: no such folder")
    if args.similarity is not None and not 0 < args.similarity <= 1:
        return _bad("--similarity: a share between 0 and 1, e.g. 0.6")
    for extra in args.course or []:
        if not Path(extra).is_dir():
            return _bad(f"--course {extra}: no such folder")
    try:
        with Gradebook(book_path) as book:
            rows = book.rows()
    except GradebookError as exc:
        return _bad(str(exc))
    if not rows:
        return _bad(pick(lang, f"{book_path} holds no grades yet", f"{book_path} aún no tiene notas"))
    from tutor.core.course import load_course

    course = load_course(list(args.course or []))
    report = build_report(rows, course, lang, submissions, args.similarity, gradebook=str(book_path))
    if args.html:
        from tutor.batch.report_html import render_html

        folder = Path(args.html)
        folder.mkdir(parents=True, exist_ok=True)
        page = folder / PAGE
        tmp = page.with_name(PAGE + ".tmp")
        tmp.write_text(render_html(report), encoding="utf-8")
        tmp.replace(page)
        print(pick(lang, f"report: {page}", f"informe: {page}"), file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    return EXIT_OK


def _bad(message: str) -> int:
    print(f"tutor: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT
