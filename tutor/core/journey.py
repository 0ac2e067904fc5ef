"""What the screens show about progress, computed from the course and the progress store (no Textual here).

Positions name a place in the course: `lesson:<slug>`, `quiz:<slug>`, `exercise:<lesson>/<exercise>`. The store
keeps the last one under the state key `position`, so a restart resumes there.
"""
from __future__ import annotations

import csv
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from tutor.core.course import Course, Exercise, Lesson
from tutor.core.progress import ExerciseProgress, ProgressStore

POSITION_KEY = "position"


@dataclass(frozen=True)
class LessonSummary:
    lesson: Lesson
    read: bool
    quiz_right: int
    quiz_total: int
    exercises: tuple[tuple[Exercise, ExerciseProgress], ...]

    @property
    def passed(self) -> int:
        return sum(1 for _, p in self.exercises if p.passed)

    @property
    def score(self) -> float:
        return sum(p.best_score for _, p in self.exercises)

    @property
    def max_score(self) -> float:
        return float(sum(e.spec.points for e, _ in self.exercises))

    @property
    def quiz_done(self) -> bool:
        return self.quiz_right >= self.quiz_total


def summarize(course: Course, store: ProgressStore) -> list[LessonSummary]:
    read = store.lessons_read()
    out = []
    for lesson in course.lessons:
        if lesson.broken:
            out.append(LessonSummary(lesson, False, 0, 0, ()))
            continue
        status = store.quiz_status(lesson.slug)
        ids = {q.id for q in lesson.manifest.quiz}
        right = sum(1 for q, ok in status.items() if ok and q in ids)
        exercises = tuple((e, store.exercise_progress(e.id)) for e in lesson.exercises)
        out.append(LessonSummary(lesson, lesson.slug in read, right, len(ids), exercises))
    return out


def positions(summary: LessonSummary) -> list[tuple[str, bool]]:
    """The places of one lesson in order, each with whether it is done."""
    if summary.lesson.broken:
        return []
    out = [(f"lesson:{summary.lesson.slug}", summary.read)]
    if summary.quiz_total:
        out.append((f"quiz:{summary.lesson.slug}", summary.quiz_done))
    out += [(f"exercise:{e.id}", p.passed) for e, p in summary.exercises]
    return out


def next_position(summaries: list[LessonSummary]) -> str | None:
    """The first thing not done yet, in course order."""
    for s in summaries:
        for pos, done in positions(s):
            if not done:
                return pos
    return None


def progress_rows(summaries: list[LessonSummary]) -> list[dict]:
    """One row per exercise (and one per lesson for its quiz) for the progress screen and its exports."""
    rows: list[dict] = []
    for s in summaries:
        if s.lesson.broken:
            continue
        rows.append({"kind": "lesson", "id": s.lesson.slug, "read": s.read, "quiz_right": s.quiz_right,
                     "quiz_total": s.quiz_total, "attempts": None, "best_score": s.score, "max_score": s.max_score,
                     "passed": s.passed == len(s.exercises), "seconds": sum(p.seconds for _, p in s.exercises),
                     "hints_used": sum(p.hints_used for _, p in s.exercises)})
        for e, p in s.exercises:
            row = asdict(p)
            row.pop("exercise")
            rows.append({"kind": "exercise", "id": e.id, "read": None, "quiz_right": None, "quiz_total": None,
                         **row})
    return rows


def export(rows: list[dict], path: Path) -> Path:
    """Write rows as CSV or JSON (by the file's suffix), atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    if path.suffix == ".json":
        tmp.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    else:
        fields = ["kind", "id", "read", "quiz_right", "quiz_total", "attempts", "best_score", "max_score",
                  "passed", "seconds", "hints_used", "last_status"]
        with tmp.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in fields})
    tmp.replace(path)
    return path
