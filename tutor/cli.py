"""Command line: parses arguments, calls tutor.core / tutor.grading / tutor.batch, prints.

Exit codes: 0 ok, 1 a grade that did not pass (or a failed check), 2 usage or bad input, 3 not graded
(`submit --format gradescope` when the tutor itself failed: no results written).
`tutor --help` and `tutor list` import none of numpy, textual, tensorflow.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

TYPE_CHECKING = False  # no typing, json or command module at import: `tutor --help` pays only for argparse
if TYPE_CHECKING:
    from typing import Any, Callable

from tutor.core.i18n import Bilingual, count, default_lang, pick

EXIT_OK, EXIT_NOT_PASSED, EXIT_BAD_INPUT, EXIT_NOT_GRADED = 0, 1, 2, 3


class BadInput(Bilingual):
    """One clear line for the learner, in both languages; exit code 2, nothing written."""

    @classmethod
    def from_error(cls, exc: BaseException) -> BadInput:
        """Another error's message, in both languages when it carries both."""
        if isinstance(exc, Bilingual):
            return cls(exc.en, exc.es)
        return cls(str(exc), str(exc))


def _print_json(value: Any, indent: int | None = None) -> None:
    import json

    print(json.dumps(value, ensure_ascii=False, indent=indent))


def _lang(args: argparse.Namespace) -> str:
    return args.lang or default_lang()


def _course(args: argparse.Namespace) -> Any:
    from tutor.core.course import load_course

    for extra in args.course:
        if not Path(extra).is_dir():
            raise BadInput(f"--course {extra}: no such folder", f"--course {extra}: no existe esa carpeta")
    return load_course(args.course)


def _exercise(course: Any, ident: str) -> Any:
    from tutor.core.course import UnknownIdError

    try:
        return course.exercise(ident)
    except UnknownIdError as exc:
        raise BadInput.from_error(exc) from None


def _workspace(args: argparse.Namespace) -> Any:
    from tutor.core.workspace import Workspace, default_workspace

    return Workspace(default_workspace(args.workspace))


def _store(ws: Any, lang: str) -> Any:
    from tutor.core.progress import ProgressStore

    store = ProgressStore(ws.database)
    if store.moved_aside is not None:
        print("tutor: " + pick(lang, f"the progress database was unreadable; it was moved to {store.moved_aside} "
                                     "and a new one was started",
                               f"la base de datos de progreso no se podía leer; se movió a {store.moved_aside} y "
                               "se empezó una nueva"), file=sys.stderr)
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
        _print_json(out, indent=2)
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
    lang = _lang(args)
    _store(ws, lang).close()
    print(pick(lang, f"workspace {ws.root}: {count(lang, len(created), 'new starter file')}",
               f"espacio de trabajo {ws.root}: {count(lang, len(created), 'new starter file')}"))
    workspace = "" if ws.root.resolve() == (Path.cwd() / "tutor-workspace").resolve() else f" --workspace {ws.root}"
    print(pick(lang, f"next: `tutor start{workspace}` opens the course",
               f"siguiente: `tutor start{workspace}` abre el curso"))
    return EXIT_OK


def _harden() -> None:
    # Before anything is graded: code being graded must not read this process's environment or memory.
    from tutor.core.hardening import make_non_dumpable

    make_non_dumpable()


def cmd_start(args: argparse.Namespace) -> int:
    _harden()
    course, ws = _course(args), _workspace(args)
    ws.sync(course)
    from tutor.grading import make_grader
    from tutor.tui.app import run_app

    with make_grader(course.roots, ws.root) as grader:  # warm: its workers start after the first screen
        return run_app(course=course, workspace=ws, lang=_lang(args), grader=grader)


def cmd_progress(args: argparse.Namespace) -> int:
    from tutor.core.progress import Attempt

    course, ws, lang = _course(args), _workspace(args), _lang(args)
    if not ws.exists():
        raise BadInput(f"no workspace at {ws.root}; run `tutor init` first (or pass --workspace)",
                       f"no hay espacio de trabajo en {ws.root}; corre primero `tutor init` (o pasa --workspace)")
    rows: list[dict[str, Any]] = []
    with _store(ws, lang) as store:
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
                             "last_score": last.score if last else None, "points": exercise.spec.points,
                             "marks": progress_marks(p, lang)})
    if args.json:  # the exercise rows first, as before; then one row per quiz ("exercise": null)
        ordered = [{k: v for k, v in r.items() if k != "marks"} for r in rows if r["kind"] == "exercise"] + \
            [{**r, "exercise": None} for r in rows if r["kind"] == "quiz"]
        _print_json(ordered, indent=2)
        return EXIT_OK
    from tutor.grading.render import verdict_text

    print(f"{pick(lang, 'exercise', 'ejercicio'):<36} {pick(lang, 'tries', 'intentos'):>8}  "
          f"{pick(lang, 'best', 'mejor'):<10}  {pick(lang, 'last', 'último')}")
    for row in rows:
        if row["kind"] == "quiz":
            print(f"{row['lesson'] + pick(lang, ' quiz', ' cuestionario'):<36} {'':>8}  "
                  f"{row['right']}/{row['total']} {pick(lang, 'right', 'bien')}")
            continue
        if not row["attempts"]:
            print(f"{row['exercise']:<36} {0:>8}  {'·':<10}  ·{row['marks']}")
            continue
        best = f"{round(row['best_score'], 1):g}/{row['points']:g}" + (" ✓" if row["passed"] else "")
        last = verdict_text(lang, row["last_status"]) if row["last_status"] else ""
        if row["last_score"] is not None and row["last_status"] != "infra":
            last += f"  {round(row['last_score'], 1):g}/{row['points']:g}"
        print(f"{row['exercise']:<36} {row['attempts']:>8}  {best:<10}  {last}{row['marks']}")
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
    with _store(ws, lang) as store:
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
    with _store(ws, lang) as store:
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
    output = args.format or ("json" if args.json else "text")
    path = Path(args.file) if args.file else ws.path_for(exercise)
    try:
        submission = Submission.read(path)  # the one read: these bytes are graded, hashed and recorded
    except SubmissionFileError as exc:
        raise BadInput.from_error(exc) from None
    on_event, finish = (None, lambda: None) if output != "text" else progress_printer(lang)
    # A one-shot process: a worker started for this grade, the trusted grader in this process.
    grader = Grader(course.roots, ws.root if ws.exists() else None, warm=False, in_process=True)
    try:
        result = grader.grade(exercise, submission, device=args.device, backend=args.backend, lang=lang,
                              on_event=on_event, reveal_hidden=output == "gradescope")
    except DeviceError as exc:
        raise BadInput.from_error(exc) from None
    finally:
        finish()
    if output == "gradescope":  # Gradescope applies each check's visibility itself; nothing is recorded
        from tutor.lms.gradescope import NotGraded, results_json

        try:
            _print_json(results_json([(exercise, result)], lang), indent=1)
        except NotGraded as exc:
            print(f"tutor: not graded (the tutor's fault, not the student's): {exc}", file=sys.stderr)
            return EXIT_NOT_GRADED
        return EXIT_OK
    if ws.exists() or not args.file:
        with _store(ws, lang) as store:
            store.record_attempt(result.to_attempt(time.time()), result.to_dict())
    if output == "json":
        # The warning is a field: stdout stays exactly one JSON object.
        _print_json({**result.to_dict(), "sandbox_notice": sandbox_notice(result.sandbox, lang)})
    else:
        print_result(result, lang)
    return EXIT_OK if result.passed else EXIT_NOT_PASSED


def cmd_data(args: argparse.Namespace) -> int:
    from tutor.data.mnist import MnistUnavailable, load_mnist

    try:
        ((xtr, ytr), (xte, yte)), source = load_mnist()
    except MnistUnavailable as exc:
        raise BadInput.from_error(exc) from None
    lang = _lang(args)
    print(f"MNIST: {source.describe(lang, len(xtr) + len(xte))}")
    print(pick(lang, f"  training: {xtr.shape[0]} images {xtr.shape[1:]} {xtr.dtype}; test: {xte.shape[0]} images",
               f"  entrenamiento: {xtr.shape[0]} imágenes {xtr.shape[1:]} {xtr.dtype}; prueba: {xte.shape[0]} "
               "imágenes"))
    return EXIT_OK


def cmd_quiz(args: argparse.Namespace) -> int:
    from tutor.cli_quiz import answer_one, run_quiz
    from tutor.core.course import UnknownIdError

    course, ws, lang = _course(args), _workspace(args), _lang(args)
    slug, _, qid = args.target.partition("/")
    try:
        lesson = course.lesson(slug)
    except UnknownIdError as exc:
        raise BadInput.from_error(exc) from None
    if lesson.manifest is None:  # the manifest's error is for the lesson's author: its detail stays English
        raise BadInput(str(lesson.error), f"la lección {slug} tiene errores: {lesson.error}")
    questions = lesson.manifest.quiz
    if qid:
        ids = [q.id for q in questions]
        if qid not in ids:
            import difflib

            close = difflib.get_close_matches(qid, ids, n=3, cutoff=0.5)
            also = f"; {' / '.join(close)}?" if close else ""
            raise BadInput(f"lesson {slug} has no question '{qid}'{also}",
                           f"la lección {slug} no tiene la pregunta '{qid}'{also}")
        questions = tuple(q for q in questions if q.id == qid)
    elif args.answer is not None:
        raise BadInput("--answer needs one question: tutor quiz LESSON/QUESTION --answer TEXT",
                       "--answer necesita una pregunta: tutor quiz LECCIÓN/PREGUNTA --answer TEXTO")
    if not questions:
        raise BadInput(f"lesson {slug} has no quiz", f"la lección {slug} no tiene cuestionario")
    with _store(ws, lang) as store:
        if args.answer is not None:
            return answer_one(lesson, questions[0], args.answer, lang, store, args.json)
        return run_quiz(lesson, questions, lang, store)


def cmd_lesson(args: argparse.Namespace) -> int:
    from tutor.authoring import commands as authoring

    if args.lesson_command == "new":
        return authoring.cli_new(args)
    if args.lesson_command == "check":
        return authoring.cli_check(args)
    raise BadInput("tutor lesson needs an action: new SLUG or check [ID...]",
                   "tutor lesson necesita una acción: new SLUG o check [ID...]")


def cmd_export(args: argparse.Namespace) -> int:
    from tutor.lms.gradescope import build_bundle

    if args.export_command != "gradescope":
        raise BadInput("tutor export needs a format: tutor export gradescope ID... --output autograder.zip",
                       "tutor export necesita un formato: tutor export gradescope ID... --output autograder.zip")
    course, lang = _course(args), _lang(args)
    exercises = [_exercise(course, i) for i in args.ids]
    path = build_bundle(course, exercises, Path(args.output), lang)
    print(pick(lang, f"Gradescope autograder: {path} ({', '.join(e.id for e in exercises)}); upload it in the "
                     "assignment's Configure Autograder page",
               f"autocalificador de Gradescope: {path} ({', '.join(e.id for e in exercises)}); súbelo en la "
               "página Configure Autograder de la tarea"))
    return EXIT_OK


def cmd_grade(args: argparse.Namespace) -> int:
    from tutor.batch import cli_grade

    _harden()
    return cli_grade(args)


def cmd_serve(args: argparse.Namespace) -> int:
    from tutor.web.cli import cli_serve

    return cli_serve(args)


def cmd_report(args: argparse.Namespace) -> int:
    from tutor.batch.report_cli import cli_report

    return cli_report(args)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "list": cmd_list, "init": cmd_init, "start": cmd_start, "progress": cmd_progress, "hint": cmd_hint,
    "reset": cmd_reset, "solution": cmd_solution, "submit": cmd_submit, "data": cmd_data, "lesson": cmd_lesson,
    "grade": cmd_grade, "quiz": cmd_quiz, "export": cmd_export, "serve": cmd_serve, "report": cmd_report,
}


def main(argv: list[str] | None = None) -> int:
    from tutor.cli_args import parse

    args = parse(sys.argv[1:] if argv is None else list(argv))
    if args.command is None:
        args.command = "start"
    try:
        return COMMANDS[args.command](args)
    except BadInput as exc:
        if getattr(args, "json", False):  # --json promises exactly one JSON object, errors included
            _print_json({"status": "error", "message": exc.text(_lang(args))})
        else:
            print(f"tutor: {exc.text(_lang(args))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `tutor list | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_NOT_PASSED


if __name__ == "__main__":
    sys.exit(main())
