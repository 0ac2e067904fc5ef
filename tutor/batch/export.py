"""Exports of a gradebook: a CSV for the instructor's spreadsheet, one Markdown feedback file per student."""
from __future__ import annotations

import csv
import os
import re
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterable

from tutor.batch.gradebook import GradeRow
from tutor.core.i18n import pick
from tutor.grading.notice import sandbox_label, sandbox_mode

CSV_COLUMNS = ("student", "exercise", "status", "score", "max", "duration", "device", "sandbox")
CHECK_MARKS = {"passed": "✓", "failed": "✗"}


def write_csv(rows: Iterable[GradeRow], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(CSV_COLUMNS)
        for row in rows:
            r = row.result
            out.writerow([row.student, row.exercise, r.status, f"{r.score:g}", f"{r.max_score:g}",
                          f"{r.duration_s:.3f}", r.device if row.graded else "",
                          sandbox_mode(r.sandbox) if row.graded else ""])
    os.replace(tmp, path)  # a spreadsheet never opens a half-written file
    return path


def _safe_name(student: str) -> str:
    return re.sub(r"[^A-Za-z0-9._@-]+", "_", student).strip("._") or "student"


def feedback_markdown(student: str, rows: list[GradeRow], lang: str, titles: dict[str, str],
                      visibility: dict[str, Callable[[str], str]] | None = None) -> str:
    """One student's feedback; checks an exercise's manifest hides show only that they exist and their score."""
    total = sum(r.score for r in rows)
    maximum = sum(r.result.max_score for r in rows)
    lines = [f"# {pick(lang, 'Feedback', 'Retroalimentación')}: {student}", "",
             f"**{pick(lang, 'Total', 'Total')}: {total:g} / {maximum:g}**", ""]
    for row in rows:
        r = row.result
        if visibility and row.exercise in visibility:
            r = r.for_learner(visibility[row.exercise], lang)
        title = titles.get(row.exercise, "")
        heading = f"## {row.exercise}" + (f" — {title}" if title else "")
        lines += [heading, "", f"{pick(lang, 'Verdict', 'Veredicto')}: **{_verdict(row, lang)}**"
                  f", {r.score:g} / {r.max_score:g}", ""]
        if row.graded:
            lines += [f"{pick(lang, 'Sandbox', 'Sandbox')}: {sandbox_label(r.sandbox, lang)}", ""]
        if r.message:
            message = pick(lang, "no file was handed in for this exercise", "no se entregó archivo para este ejercicio") \
                if row.missing else r.message
            lines += [_quote(message), ""]
        for check in r.checks:
            mark = CHECK_MARKS.get(check.status, "–")
            lines.append(f"- {mark} {check.title} ({check.points:g}/{check.max_points:g})")
            if check.status != "passed" and check.message:
                lines += [f"  {line}" for line in _quote(check.message).splitlines()]
        if r.checks:
            lines.append("")
        if r.misconception is not None:
            lines += [f"**{r.misconception_label(lang)}:** {r.misconception.hint}", ""]
    return "\n".join(lines).rstrip() + "\n"


def write_feedback(rows: Iterable[GradeRow], folder: Path, lang: str, titles: dict[str, str],
                   visibility: dict[str, Callable[[str], str]] | None = None) -> list[Path]:
    """One `<student>.md` per student with every exercise's verdict and each check's message."""
    by_student: dict[str, list[GradeRow]] = defaultdict(list)
    for row in rows:
        by_student[row.student].append(row)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for student, student_rows in sorted(by_student.items()):
        path = folder / f"{_safe_name(student)}.md"
        path.write_text(feedback_markdown(student, student_rows, lang, titles, visibility), encoding="utf-8")
        written.append(path)
    return written


def _verdict(row: GradeRow, lang: str) -> str:
    status = row.status
    if row.missing:
        return pick(lang, "missing", "falta")
    if row.refused:
        return pick(lang, "error: file refused", "error: archivo rechazado")
    names = {"passed": ("passed", "aprobado"), "failed": ("failed", "no aprobado"),
             "error": ("error: the file does not load", "error: el archivo no carga"),
             "timeout": ("timeout", "tiempo agotado"), "memory": ("out of memory", "sin memoria"),
             "crashed": ("crashed", "se cayó"), "infra": ("not graded (the tutor's fault)", "sin calificar (falla del tutor)")}
    en, es = names.get(status, (status, status))
    return pick(lang, en, es)


def _quote(text: str) -> str:
    # Messages quote code and numbers: a fenced block keeps Markdown from reading them as markup.
    text = text.strip()
    return f"```\n{text}\n```" if "\n" in text or "`" in text or "*" in text or "_" in text else f"> {text}"
