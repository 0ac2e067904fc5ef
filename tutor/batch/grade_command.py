"""`tutor grade SUBMISSIONS --exercise ID|--all ...`: grade a whole class into a gradebook.

Exit codes: 0 every submission has a verdict; 1 some could not be graded (infra rows: run again); 2 bad input.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.core.i18n import count, default_lang, pick

if TYPE_CHECKING:
    from tutor.core.course import Course, Exercise

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


class _Bad(Exception):
    pass


def resolve_exercises(course: Course, ids: list[str] | None, every: bool, course_dirs: list[str]) -> list[Exercise]:
    """--all: every exercise (only those of the --course folders when some are given); else each id."""
    from tutor.core.course import UnknownIdError

    own = {Path(d).resolve() for d in course_dirs}
    if every:
        exercises = [e for e in course.exercises if not own or e.lesson.root.resolve() in own]
        if not exercises:
            raise _Bad("the course has no exercises to grade")
        return exercises
    out: list[Exercise] = []
    for ident in ids or []:
        same = [e for e in course.exercises if e.id == ident]
        # The same id in the built-in course and in an instructor's folder: the folder named on the command wins.
        mine = [e for e in same if e.lesson.root.resolve() in own]
        if mine or same:
            exercise = (mine or same)[-1]
        else:
            try:
                exercise = course.exercise(ident)
            except UnknownIdError as exc:
                raise _Bad(str(exc)) from None
        if exercise not in out:
            out.append(exercise)
    return out


def sandbox_for_batch(lang: str, allow_unsandboxed: bool, on_cluster: bool = False) -> str:
    """The sandbox this batch grades in, as a label; without bubblewrap only with --allow-unsandboxed.

    Without bubblewrap a submission can read whatever the instructor's account can (the class's folder, tokens,
    other students' files), so a whole class is not graded that way by accident. On a cluster the grades run
    elsewhere: each worker checks for itself (tasks.run_task) and each row says what it got.
    """
    from tutor.grading.notice import INSTALL_COMMAND, sandbox_label
    from tutor.grading.sandbox import bwrap_path

    if on_cluster:
        return pick(lang, "as each worker has it (--allow-unsandboxed)", "el de cada nodo (--allow-unsandboxed)") \
            if allow_unsandboxed else pick(lang, "bwrap, required on each worker", "bwrap, exigido en cada nodo")
    if bwrap_path() is not None:
        return sandbox_label("bwrap", lang)
    if not allow_unsandboxed:
        raise _Bad(pick(lang, "bubblewrap is not installed or does not work here, and without it a submission can "
                              "read and change every file of your account (the class's folder, your tokens); "
                              f"install it with `{INSTALL_COMMAND}`, or pass --allow-unsandboxed to grade with "
                              "process limits only",
                        "bubblewrap no está instalado o no funciona aquí, y sin él una entrega puede leer y cambiar "
                        "todos los archivos de tu cuenta (la carpeta de la clase, tus tokens); instálalo con "
                        f"`{INSTALL_COMMAND}`, o pasa --allow-unsandboxed para calificar solo con límites de proceso"))
    return sandbox_label("none", lang)


def cli_grade(args: argparse.Namespace) -> int:
    try:
        return _grade(args)
    except _Bad as exc:
        print(f"tutor: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _grade(args: argparse.Namespace) -> int:
    from tutor.batch.export import write_csv, write_feedback
    from tutor.batch.gradebook import Gradebook, GradebookError
    from tutor.batch.report import ProgressDisplay, print_summary
    from tutor.batch.executors import BatchError, DaskExecutor, LocalExecutor, run_batch
    from tutor.batch.submissions import SubmissionsError, plan_batch, students
    from tutor.core.course import load_course

    lang = getattr(args, "lang", None) or default_lang()
    course_dirs = list(getattr(args, "course", None) or [])
    for d in course_dirs:
        if not Path(d).is_dir():
            raise _Bad(f"--course {d}: no such folder")
    device = getattr(args, "device", None) or "auto"
    if device not in ("auto", "cpu", "gpu"):
        raise _Bad(f"--device {device}: use auto, cpu or gpu")
    course = load_course(course_dirs)
    exercises = resolve_exercises(course, args.exercise, bool(args.all), course_dirs)
    try:
        students(Path(args.submissions))  # bad input is said before anything else
    except SubmissionsError as exc:
        raise _Bad(str(exc)) from None
    export_format = getattr(args, "export_format", None) or "long"
    roster = None
    if getattr(args, "roster", None):
        from tutor.lms.canvas import RosterError, read_roster

        if export_format != "canvas":
            raise _Bad("--roster maps folders to Canvas ids: use it with --export-format canvas")
        try:
            roster = read_roster(Path(args.roster))
        except RosterError as exc:
            raise _Bad(str(exc)) from None
    allow_unsandboxed = bool(getattr(args, "allow_unsandboxed", False))
    mode = sandbox_for_batch(lang, allow_unsandboxed, on_cluster=bool(args.scheduler))
    try:
        book = Gradebook(args.gradebook)
    except GradebookError as exc:
        raise _Bad(str(exc)) from None
    executor = None
    with book:
        try:
            plan = plan_batch(Path(args.submissions), exercises, book, regrade=bool(args.regrade), device=device,
                              lang=lang, extra_roots=tuple(str(Path(d).resolve()) for d in course_dirs),
                              require_sandbox=not allow_unsandboxed)
        except SubmissionsError as exc:
            raise _Bad(str(exc)) from None
        try:
            if args.scheduler:
                executor = DaskExecutor(args.scheduler)
                executor.check(plan.tasks)
                where = pick(lang, f"the Dask cluster at {args.scheduler}", f"el clúster Dask en {args.scheduler}")
            else:
                executor = LocalExecutor(args.workers)
                where = pick(lang, f"{args.workers} local workers", f"{args.workers} procesos locales")
        except BatchError as exc:
            if isinstance(executor, DaskExecutor):
                executor.close()
            raise _Bad(str(exc)) from None
        students, tasks = count(lang, len(plan.students), "student"), count(lang, len(exercises), "exercise")
        print(pick(lang, f"{students} × {tasks}: {len(plan.tasks)} to grade on "
                         f"{where}, {len(plan.missing)} missing, {len(plan.refused)} refused (links, special or "
                         f"oversized files), {plan.skipped} graded already (same code); sandbox: {mode}",
                   f"{students} × {tasks}: {len(plan.tasks)} por calificar en "
                   f"{where}, {len(plan.missing)} faltan, {len(plan.refused)} rechazados (enlaces, archivos "
                   f"especiales o demasiado grandes), {plan.skipped} ya calificados (mismo código); sandbox: {mode}"),
              file=sys.stderr)
        try:
            with ProgressDisplay(len(plan.tasks) + len(plan.missing) + len(plan.refused), lang) as progress:
                run_batch(plan, book, executor, on_row=progress.advance)
        except KeyboardInterrupt:
            print(pick(lang, f"stopped; {book.path} keeps every result so far: run the same command to resume",
                       f"detenido; {book.path} guarda todos los resultados hasta ahora: repite el comando para "
                       "continuar"), file=sys.stderr)
            return 130
        finally:
            if isinstance(executor, DaskExecutor):
                executor.close()
        rows = book.rows(plan.students, plan.exercises)
    print_summary(rows, plan.exercises, lang)
    if args.export and export_format == "canvas":
        from tutor.lms.canvas import write_canvas_csv

        path, unmatched = write_canvas_csv(rows, plan.students, plan.exercises, plan.max_scores, Path(args.export),
                                           roster)
        print(pick(lang, f"grades for Canvas: {path}", f"notas para Canvas: {path}"))
        if unmatched:
            print(pick(lang, f"not in the roster (no Canvas ids, Canvas will not match them): {', '.join(unmatched)}",
                       f"fuera de la lista (sin ids de Canvas, Canvas no los reconocerá): {', '.join(unmatched)}"),
                  file=sys.stderr)
    elif args.export:
        path = write_csv(rows, Path(args.export))
        print(pick(lang, f"grades: {path}", f"notas: {path}"))
    if args.feedback:
        titles = {e.id: e.spec.title.get(lang) for e in exercises}
        written = write_feedback(rows, Path(args.feedback), lang, titles,
                                 {e.id: e.spec.check_visibility for e in exercises})
        print(pick(lang, f"feedback: {count(lang, len(written), 'file')} in {args.feedback}",
                   f"retroalimentación: {count(lang, len(written), 'file')} en {args.feedback}"))
    infra = sum(r.status == "infra" for r in rows)
    if infra:
        print(pick(lang, f"{infra} submissions could not be graded (the tutor's fault, see the gradebook); "
                         "run the same command again to grade them",
                   f"{infra} entregas no se pudieron calificar (falla del tutor, ver el libro de notas); "
                   "repite el comando para calificarlas"), file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK
