"""Command line: parses arguments, calls tutor.core / tutor.grading / tutor.batch, prints.

Exit codes: 0 ok, 1 a grade that did not pass (or a failed check), 2 usage or bad input.
`tutor --help` and `tutor list` import none of numpy, textual, tensorflow.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable

from tutor import __version__
from tutor.core.i18n import default_lang, pick

EXIT_OK, EXIT_NOT_PASSED, EXIT_BAD_INPUT = 0, 1, 2


class BadInput(Exception):
    """One clear line for the learner; exit code 2, nothing written."""


def _common(defaults: bool) -> argparse.ArgumentParser:
    # Sub-commands take the same options without defaults, so `tutor --lang es hint X` keeps "es".
    common = argparse.ArgumentParser(add_help=False)
    d = (lambda v: v) if defaults else (lambda v: argparse.SUPPRESS)
    common.add_argument("--lang", choices=("en", "es"), default=d(None), help="language (default from LANG)")
    common.add_argument("--course", action="append", default=d([]), metavar="DIR",
                        help="an extra course folder (repeatable; also TUTOR_COURSE)")
    common.add_argument("--workspace", metavar="DIR", default=d(None),
                        help="the learner's workspace (default ./tutor-workspace, or TUTOR_WORKSPACE)")
    return common


def _parser() -> argparse.ArgumentParser:
    common = _common(False)
    p = argparse.ArgumentParser(prog="tutor", parents=[_common(True)],
                                description="Tensor Tutor: lessons, quizzes and graded exercises for deep learning.")
    p.add_argument("--version", action="version", version=f"tutor {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("start", parents=[common], help="open the tutor (creates the workspace on first run)")
    sub.add_parser("init", parents=[common], help="create the workspace with the starter files")
    s = sub.add_parser("list", parents=[common], help="lessons and exercises, in order")
    s.add_argument("--json", action="store_true")
    s = sub.add_parser("progress", parents=[common], help="attempts, best scores, hints used")
    s.add_argument("--json", action="store_true")
    s = sub.add_parser("hint", parents=[common], help="reveal the next hint of an exercise")
    s.add_argument("id")
    s = sub.add_parser("reset", parents=[common], help="restore the starter, keeping your version as a backup")
    s.add_argument("id")
    s = sub.add_parser("solution", parents=[common], help="show the reference solution (after you pass)")
    s.add_argument("id")
    s = sub.add_parser("submit", parents=[common], help="grade your file for an exercise")
    s.add_argument("id")
    s.add_argument("file", nargs="?", help="defaults to your workspace copy")
    s.add_argument("--json", action="store_true", help="print exactly one JSON object")
    s.add_argument("--device", default="auto", choices=("auto", "cpu", "gpu"))
    s.add_argument("--backend", default="tensorflow", choices=("tensorflow", "jax", "torch"),
                   help="Keras backend for `import keras` exercises")
    sub.add_parser("data", parents=[common], help="which MNIST source is in use")
    s = sub.add_parser("quiz", parents=[common], help="a lesson's quiz in the plain terminal (or one question)")
    s.add_argument("target", metavar="LESSON[/QUESTION]")
    s.add_argument("--answer", metavar="TEXT", help="answer one question: exit 0 right, 1 wrong, 2 unreadable")
    s.add_argument("--json", action="store_true", help="with --answer: print one JSON object")
    lesson = sub.add_parser("lesson", parents=[common], help="instructors: scaffold and check lessons")
    lsub = lesson.add_subparsers(dest="lesson_command", metavar="ACTION")
    s = lsub.add_parser("new", parents=[common], help="scaffold a lesson that passes `check` at once")
    s.add_argument("slug")
    s = lsub.add_parser("check", parents=[common], help="prove lessons are sound")
    s.add_argument("ids", nargs="*")
    g = sub.add_parser("grade", parents=[common], help="instructors: grade a whole class")
    g.add_argument("submissions")
    target = g.add_mutually_exclusive_group(required=True)
    target.add_argument("--exercise", action="append", metavar="ID")
    target.add_argument("--all", action="store_true")
    g.add_argument("--workers", type=int, default=2)
    g.add_argument("--scheduler", metavar="ADDRESS", help="a Dask scheduler, e.g. tcp://host:8786")
    g.add_argument("--gradebook", default="gradebook.sqlite3", metavar="FILE")
    g.add_argument("--export", metavar="CSV")
    g.add_argument("--feedback", metavar="DIR")
    g.add_argument("--regrade", action="store_true")
    g.add_argument("--device", default="auto", choices=("auto", "cpu", "gpu"),
                   help="gpu: TensorFlow exercises go to workers that declare a GPU resource")
    g.add_argument("--allow-unsandboxed", action="store_true",
                   help="grade even without a working bubblewrap (process limits only; every row says so)")
    return p


def _lang(args: argparse.Namespace) -> str:
    return args.lang or default_lang()


def _course(args: argparse.Namespace) -> Any:
    from tutor.core.course import load_course

    for extra in args.course:
        if not Path(extra).is_dir():
            raise BadInput(f"--course {extra}: no such folder")
    return load_course(args.course)


def _exercise(course: Any, ident: str) -> Any:
    from tutor.core.course import UnknownIdError

    try:
        return course.exercise(ident)
    except UnknownIdError as exc:
        raise BadInput(str(exc)) from None


def _workspace(args: argparse.Namespace) -> Any:
    from tutor.core.workspace import Workspace, default_workspace

    return Workspace(default_workspace(args.workspace))


def _store(ws: Any) -> Any:
    from tutor.core.progress import ProgressStore

    store = ProgressStore(ws.database)
    if store.moved_aside is not None:
        print(f"tutor: the progress database was unreadable; it was moved to {store.moved_aside} and a new one "
              "was started", file=sys.stderr)
    return store


# --- commands ---------------------------------------------------------------------------------------

def cmd_list(args: argparse.Namespace) -> int:
    course, lang = _course(args), _lang(args)
    if args.json:
        out = []
        for lesson in course.lessons:
            entry: dict[str, Any] = {"slug": lesson.slug, "number": lesson.number, "root": str(lesson.root)}
            if lesson.broken:
                entry["error"] = str(lesson.error)
            else:
                entry["title"] = lesson.manifest.title.get(lang)
                entry["quiz"] = len(lesson.manifest.quiz)
                entry["exercises"] = [{"id": e.id, "title": e.spec.title.get(lang), "points": e.spec.points,
                                       "runtime": e.spec.runtime} for e in lesson.exercises]
            out.append(entry)
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return EXIT_OK
    for lesson in course.lessons:
        if lesson.broken:
            print(f"{lesson.number:02d} {lesson.slug}  [{pick(lang, 'broken', 'con errores')}] {lesson.error}")
            continue
        quiz = len(lesson.manifest.quiz)
        print(f"{lesson.number:02d} {lesson.slug} — {lesson.manifest.title.get(lang)}"
              f" ({quiz} {pick(lang, 'quiz questions', 'preguntas')})")
        for e in lesson.exercises:
            print(f"   {e.id:<36} {e.spec.title.get(lang)}")
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    course, ws = _course(args), _workspace(args)
    created = ws.sync(course)
    _store(ws).close()
    lang = _lang(args)
    print(pick(lang, f"workspace {ws.root}: {len(created)} new starter files", 
               f"espacio de trabajo {ws.root}: {len(created)} archivos iniciales nuevos"))
    return EXIT_OK


def _harden() -> None:
    # Before anything is graded: code being graded must not read this process's environment or memory.
    from tutor.core.hardening import make_non_dumpable

    make_non_dumpable()


def cmd_start(args: argparse.Namespace) -> int:
    _harden()
    course, ws = _course(args), _workspace(args)
    ws.sync(course)
    from tutor.tui.app import run_app

    return run_app(course=course, workspace=ws, lang=_lang(args))


def cmd_progress(args: argparse.Namespace) -> int:
    course, ws = _course(args), _workspace(args)
    if not ws.exists():
        raise BadInput(f"no workspace at {ws.root}; run `tutor init` first (or pass --workspace)")
    with _store(ws) as store:
        rows = [store.exercise_progress(e.id) for e in course.exercises]
    if args.json:
        print(json.dumps([r.__dict__ for r in rows], indent=2))
        return EXIT_OK
    lang = _lang(args)
    print(f"{'exercise':<36} {'attempts':>8} {'best':>7} {'hints':>5}  status")
    for r in rows:
        mark = "✓" if r.passed else ("·" if r.attempts == 0 else "✗")
        print(f"{r.exercise:<36} {r.attempts:>8} {r.best_score:>7.1f} {r.hints_used:>5}  {mark} {r.last_status or ''}"
              + progress_marks(r, lang))
    return EXIT_OK


def progress_marks(r: Any, lang: str) -> str:
    """What the signature check set aside for an exercise's row in `tutor progress`."""
    marks = []
    if r.tampered:
        marks.append(pick(lang, f"{r.tampered} tampered row ignored" if r.tampered == 1
                          else f"{r.tampered} tampered rows ignored",
                          f"{r.tampered} fila alterada ignorada" if r.tampered == 1
                          else f"{r.tampered} filas alteradas ignoradas"))
    if r.unsigned:
        marks.append(pick(lang, f"{r.unsigned} from before signing, not counted as passed",
                          f"{r.unsigned} de antes de la firma, no cuentan como aprobado"))
    return f"  ({'; '.join(marks)})" if marks else ""


def cmd_hint(args: argparse.Namespace) -> int:
    from tutor.core.hints import ladder, plain

    course, ws, lang = _course(args), _workspace(args), _lang(args)
    exercise = _exercise(course, args.id)
    with _store(ws) as store:
        steps = ladder(exercise.spec, lang, store.last_result(exercise.id))
        hints = steps.rungs
        shown = store.hints_revealed(exercise.id)
        index = min(shown, len(hints) - 1)
        store.reveal_hint(exercise.id, index)
    if steps.misconception:  # about the learner's own code: before the general rungs
        print(pick(lang, "About your last submission: ", "Sobre tu último envío: ") + plain(steps.misconception))
    for n in range(index + 1):
        print(pick(lang, f"Hint {n + 1} of {len(hints)}: ", f"Pista {n + 1} de {len(hints)}: ") + plain(hints[n]))
    if index == len(hints) - 1 and shown >= len(hints):
        print(pick(lang, "(that was the last hint)", "(esa era la última pista)"))
    return EXIT_OK


def cmd_reset(args: argparse.Namespace) -> int:
    course, ws, lang = _course(args), _workspace(args), _lang(args)
    exercise = _exercise(course, args.id)
    backup = ws.reset(exercise)
    print(pick(lang, f"restored the starter at {ws.path_for(exercise)}", f"restaurado el archivo inicial en {ws.path_for(exercise)}"))
    if backup:
        print(pick(lang, f"your version is kept at {backup}", f"tu versión quedó en {backup}"))
    return EXIT_OK


def cmd_solution(args: argparse.Namespace) -> int:
    course, ws, lang = _course(args), _workspace(args), _lang(args)
    exercise = _exercise(course, args.id)
    with _store(ws) as store:
        passed = store.passed(exercise.id)
    if not passed:
        print(pick(lang, f"the solution of {exercise.id} opens once you pass it; try `tutor hint {exercise.id}`",
                   f"la solución de {exercise.id} se abre cuando la apruebes; prueba `tutor hint {exercise.id}`"),
              file=sys.stderr)
        return EXIT_NOT_PASSED
    print(exercise.solution.read_text(encoding="utf-8"), end="")
    return EXIT_OK


def cmd_submit(args: argparse.Namespace) -> int:
    import time

    from tutor.grading.devices import DeviceError
    from tutor.grading.grader import Grader
    from tutor.grading.notice import sandbox_notice
    from tutor.grading.submission import Submission, SubmissionFileError
    from tutor.grading.render import print_result, progress_printer

    _harden()
    course, ws, lang = _course(args), _workspace(args), _lang(args)
    exercise = _exercise(course, args.id)
    path = Path(args.file) if args.file else ws.path_for(exercise)
    try:
        submission = Submission.read(path)  # the one read: these bytes are graded, hashed and recorded
    except SubmissionFileError as exc:
        raise BadInput(str(exc)) from None
    on_event, finish = (None, lambda: None) if args.json else progress_printer(lang)
    # A one-shot process: a worker started for this grade, the trusted grader in this process.
    grader = Grader(course.roots, ws.root if ws.exists() else None, warm=False, in_process=True)
    try:
        result = grader.grade(exercise, submission, device=args.device, backend=args.backend, lang=lang,
                              on_event=on_event)
    except DeviceError as exc:
        raise BadInput(str(exc)) from None
    finally:
        finish()
    if ws.exists() or not args.file:
        with _store(ws) as store:
            store.record_attempt(result.to_attempt(time.time()), result.to_dict())
    if args.json:
        # The warning is a field: stdout stays exactly one JSON object.
        print(json.dumps({**result.to_dict(), "sandbox_notice": sandbox_notice(result.sandbox, lang)},
                         ensure_ascii=False))
    else:
        print_result(result, lang)
    return EXIT_OK if result.passed else EXIT_NOT_PASSED


def cmd_data(args: argparse.Namespace) -> int:
    from tutor.data.mnist import MnistUnavailable, load_mnist

    try:
        ((xtr, ytr), (xte, yte)), source = load_mnist()
    except MnistUnavailable as exc:
        raise BadInput(str(exc)) from None
    lang = _lang(args)
    print(f"MNIST: {source.describe(lang, len(xtr) + len(xte))}")
    print(pick(lang, f"  train: {xtr.shape[0]} images {xtr.shape[1:]} {xtr.dtype}; test: {xte.shape[0]} images",
               f"  entrenamiento: {xtr.shape[0]} imágenes {xtr.shape[1:]} {xtr.dtype}; prueba: {xte.shape[0]} imágenes"))
    return EXIT_OK


def cmd_quiz(args: argparse.Namespace) -> int:
    from tutor.cli_quiz import answer_one, run_quiz
    from tutor.core.course import UnknownIdError

    course, ws, lang = _course(args), _workspace(args), _lang(args)
    slug, _, qid = args.target.partition("/")
    try:
        lesson = course.lesson(slug)
    except UnknownIdError as exc:
        raise BadInput(str(exc)) from None
    if lesson.manifest is None:
        raise BadInput(str(lesson.error))
    questions = lesson.manifest.quiz
    if qid:
        ids = [q.id for q in questions]
        if qid not in ids:
            import difflib

            close = difflib.get_close_matches(qid, ids, n=3, cutoff=0.5)
            raise BadInput(pick(lang, f"lesson {slug} has no question '{qid}'", f"la lección {slug} no tiene la "
                                f"pregunta '{qid}'") + (f"; {' / '.join(close)}?" if close else ""))
        questions = tuple(q for q in questions if q.id == qid)
    elif args.answer is not None:
        raise BadInput(pick(lang, "--answer needs one question: tutor quiz LESSON/QUESTION --answer TEXT",
                            "--answer necesita una pregunta: tutor quiz LECCIÓN/PREGUNTA --answer TEXTO"))
    if not questions:
        raise BadInput(pick(lang, f"lesson {slug} has no quiz", f"la lección {slug} no tiene cuestionario"))
    with _store(ws) as store:
        if args.answer is not None:
            return answer_one(lesson, questions[0], args.answer, lang, store, args.json)
        return run_quiz(lesson, questions, lang, store)


def cmd_lesson(args: argparse.Namespace) -> int:
    from tutor.batch import authoring

    if args.lesson_command == "new":
        return authoring.cli_new(args)
    if args.lesson_command == "check":
        return authoring.cli_check(args)
    raise BadInput("tutor lesson needs an action: new SLUG or check [ID...]")


def cmd_grade(args: argparse.Namespace) -> int:
    from tutor.batch import cli_grade

    _harden()
    return cli_grade(args)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "list": cmd_list, "init": cmd_init, "start": cmd_start, "progress": cmd_progress, "hint": cmd_hint,
    "reset": cmd_reset, "solution": cmd_solution, "submit": cmd_submit, "data": cmd_data, "lesson": cmd_lesson,
    "grade": cmd_grade, "quiz": cmd_quiz,
}


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args.command = "start"
    try:
        return COMMANDS[args.command](args)
    except BadInput as exc:
        print(f"tutor: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `tutor list | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_NOT_PASSED


if __name__ == "__main__":
    sys.exit(main())
