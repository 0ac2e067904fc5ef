"""The class report's numbers (`tutor report GRADEBOOK`): one JSON-ready dict that the HTML page draws.

From the gradebook: the score distribution, the verdicts, the known mistakes (misconceptions) and the checks
that fail, per exercise. From the class folder (--submissions, optional): the graded code for similar
submissions, and the learners' own progress databases where the folders are workspaces (attempts, hints, time
to pass). Only code whose sha256 is the gradebook's is compared: the report is about what was graded.
"""
from __future__ import annotations

import hashlib
import os
import statistics
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tutor.batch.gradebook import GradeRow
from tutor.batch.report import most_failed_checks, row_kind, summarize
from tutor.core.i18n import pick

if TYPE_CHECKING:
    from tutor.core.course import Course, Exercise

SCHEMA = 1
HISTOGRAM_BINS = 10


def _exercise(course: Course | None, ident: str) -> Exercise | None:
    if course is None:
        return None
    try:
        return course.exercise(ident)
    except Exception:
        return None


def _histogram(scores: list[float], top: float) -> dict[str, list[float]]:
    """Counts of scores in HISTOGRAM_BINS equal bins from 0 to the exercise's points (the top bin holds top)."""
    top = top or max(scores, default=1.0) or 1.0
    edges = [round(top * n / HISTOGRAM_BINS, 4) for n in range(HISTOGRAM_BINS + 1)]
    counts = [0] * HISTOGRAM_BINS
    for s in scores:
        counts[min(HISTOGRAM_BINS - 1, max(0, int(s / top * HISTOGRAM_BINS)))] += 1
    return {"edges": edges, "counts": counts}


def mistake_line(lang: str, n: int, of: int, what: str) -> str:
    """ "3 of 6 (50%) left out bias correction" """
    share = f"{n / of:.0%}" if of else "–"
    return pick(lang, f"{n} of {of} ({share}) {what}", f"{n} de {of} ({share}) {what}")


def _mistakes(rows: list[GradeRow], exercise: Exercise | None, lang: str) -> list[dict[str, Any]]:
    graded = [r for r in rows if r.graded and r.status != "infra"]
    found: dict[str, list[str]] = defaultdict(list)
    stored_hint: dict[str, str] = {}
    for r in graded:
        m = r.result.misconception
        if m is not None:
            found[m.id].append(r.student)
            stored_hint.setdefault(m.id, m.hint)
    hints = {m.id: m.hint.get(lang) for m in exercise.spec.misconceptions} if exercise is not None else {}
    out = []
    for ident, students in sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        out.append({"id": ident, "hint": hints.get(ident, stored_hint.get(ident, "")), "students": len(students),
                    "of": len(graded), "share": round(len(students) / len(graded), 4) if graded else 0.0,
                    "names": sorted(students)})
    return out


def _checks(rows: list[GradeRow]) -> list[dict[str, Any]]:
    return [{"check": title, "failed": n, "ran": ran, "share": round(n / ran, 4) if ran else 0.0}
            for _, title, n, ran in most_failed_checks(rows, limit=1000)]


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None


def _read_sources(folder: Path, rows: list[GradeRow], exercise: Exercise) -> tuple[dict[str, str], int]:
    """Student -> the graded source of this exercise, read without following links; and how many files were
    left out because they are no longer the graded code."""
    from tutor.batch.safe_files import RefusedPath, open_dir_at
    from tutor.batch.submissions import read_submission_safely

    sources, changed = {}, 0
    try:
        folder_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return {}, 0
    try:
        for row in rows:
            if not row.graded:
                continue
            try:
                student_fd = open_dir_at(folder_fd, row.student, row.student)
            except RefusedPath:
                continue
            if student_fd is None:
                continue
            try:
                found = read_submission_safely(student_fd, row.student, exercise)
            except RefusedPath:
                found = None
            finally:
                os.close(student_fd)
            if found is None:
                continue
            source = found[1]
            if hashlib.sha256(source).hexdigest() != row.sha256:
                changed += 1
                continue
            sources[row.student] = source.decode("utf-8", "replace")
    finally:
        os.close(folder_fd)
    return sources, changed


def build_report(rows: list[GradeRow], course: Course | None, lang: str = "en", submissions: Path | None = None,
                 threshold: float | None = None, gradebook: str = "") -> dict[str, Any]:
    from tutor.batch.class_progress import read_class
    from tutor.batch.similarity import DEFAULT_THRESHOLD, similar_pairs

    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    exercise_ids = list(dict.fromkeys(r.exercise for r in rows))
    if course is not None:  # course order where the course knows the exercise
        order = {e.id: n for n, e in enumerate(course.exercises)}
        exercise_ids.sort(key=lambda ident: (order.get(ident, len(order)), ident))
    students = sorted({r.student for r in rows})
    progress = read_class(submissions, students) if submissions is not None else {}
    by_ex: dict[str, list[GradeRow]] = defaultdict(list)
    for r in rows:
        by_ex[r.exercise].append(r)
    summaries = {s.exercise: s for s in summarize(rows, exercise_ids)}
    out_exercises = []
    for ident in exercise_ids:
        ex_rows = by_ex[ident]
        exercise = _exercise(course, ident)
        summary = summaries[ident]
        top = float(exercise.spec.points) if exercise is not None else summary.max_score
        scores = [r.score for r in ex_rows if not r.missing]
        learners = []
        for r in ex_rows:
            record = progress.get(r.student, {}).get(ident)
            if record is None:
                continue
            learners.append({"student": r.student, "final_score": r.score, "passed": r.status == "passed",
                             "attempts": record.attempts, "hints": record.hints,
                             "attempts_to_pass": record.attempts_to_pass,
                             "minutes_to_pass": None if record.seconds_to_pass is None
                             else round(record.seconds_to_pass / 60, 2),
                             "minutes_spent": round(record.seconds / 60, 2), "curve": list(record.scores)})
        passed_learners = [ln for ln in learners if ln["attempts_to_pass"] is not None]
        similar: list[dict[str, Any]] = []
        changed = 0
        if submissions is not None and exercise is not None:
            sources, changed = _read_sources(submissions, ex_rows, exercise)
            excluded = [p.read_text(encoding="utf-8", errors="replace") for p in (exercise.starter, exercise.solution)
                        if p.is_file()]
            for pair in similar_pairs(ident, sources, excluded, threshold):
                entry = pair.to_dict()
                entry["lines"] = [[{"n": ln.number, "text": ln.text, "shared": ln.shared} for ln in side]
                                  for side in pair.lines]
                similar.append(entry)
        out_exercises.append({
            "id": ident, "title": exercise.spec.title.get(lang) if exercise is not None else ident,
            "points": top, "students": summary.students, "handed_in": summary.handed_in, "passed": summary.passed,
            "pass_rate": round(summary.pass_rate, 4), "mean_score": round(summary.mean_score, 2),
            "median_score": _median(scores), "scores": sorted(scores), "histogram": _histogram(scores, top),
            "statuses": dict(Counter(row_kind(r) for r in ex_rows)),
            "mistakes": _mistakes(ex_rows, exercise, lang), "failed_checks": _checks(ex_rows),
            "learners": learners,
            "time_to_pass": {"learners": len(passed_learners),
                             "median_attempts": _median([ln["attempts_to_pass"] for ln in passed_learners]),
                             "median_minutes": _median([ln["minutes_to_pass"] for ln in passed_learners])},
            "similar": similar, "changed_since_graded": changed,
        })
    return {"schema": SCHEMA, "lang": lang, "gradebook": gradebook, "students": len(students),
            "exercises": out_exercises,
            "most_failed_checks": [{"exercise": ex, "check": title, "failed": n, "ran": ran}
                                   for ex, title, n, ran in most_failed_checks(rows, limit=10)],
            "progress": {"workspaces_read": len(progress), "students": len(students),
                         "folder": str(submissions) if submissions is not None else None},
            "similarity": {"threshold": threshold, "compared": submissions is not None,
                           "note": similarity_note(lang)}}


def similarity_note(lang: str) -> str:
    return pick(lang, "Similar code is evidence to look at, never a verdict: short exercises leave few ways to "
                      "write a right answer, students may work together where that is allowed, and both may have "
                      "used the same source. Read the code and talk with the students before concluding anything.",
                "Un código parecido es un indicio para revisar, nunca un veredicto: los ejercicios cortos dejan "
                "pocas maneras de escribir una respuesta correcta, los alumnos pueden trabajar juntos donde "
                "está permitido y ambos pueden haber usado la misma fuente. Lee el código y habla con los "
                "alumnos antes de concluir nada.")
