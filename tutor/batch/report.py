"""What an instructor sees during and after a batch: a progress bar with counts and an ETA (on a terminal),
then a summary: pass rate per exercise and the checks that failed most.
"""
from __future__ import annotations

import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from tutor.batch.gradebook import GradeRow
from tutor.core.i18n import pick
from tutor.grading.result import verdict_label

# Rows of a class that never reached the grader; every other status is a grade's (tutor/grading/result.py).
_BATCH_STATUSES = {"missing": ("missing", "falta"), "refused": ("refused", "rechazado")}


def _status_name(status: str, lang: str) -> str:
    return pick(lang, *_BATCH_STATUSES[status]) if status in _BATCH_STATUSES else verdict_label(status, lang)


@dataclass
class ProgressDisplay:
    """A Rich progress bar on stderr when it is a terminal; silent otherwise (logs, CI, tests)."""

    total: int
    lang: str = "en"
    counts: Counter = field(default_factory=Counter)
    _progress: Any = None
    _task: Any = None

    def __enter__(self) -> ProgressDisplay:
        if sys.stderr.isatty() and self.total:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                       TimeRemainingColumn)

            self._progress = Progress(
                TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[counts]}"), TimeElapsedColumn(),
                TextColumn(pick(self.lang, "ETA", "resta")), TimeRemainingColumn(),
                console=Console(stderr=True), transient=False)
            self._progress.start()
            self._task = self._progress.add_task(pick(self.lang, "grading", "calificando"), total=self.total,
                                                 counts="")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def advance(self, row: GradeRow) -> None:
        self.counts[row_kind(row)] += 1
        if self._progress is not None:
            shown = "  ".join(f"{_MARKS.get(k, k)} {v}" for k, v in sorted(self.counts.items()))
            self._progress.update(self._task, advance=1, counts=shown)


_MARKS = {"passed": "[green]✓[/]", "failed": "[red]✗[/]", "error": "[red]error[/]", "timeout": "[yellow]⏱[/]",
          "crashed": "[red]crashed[/]", "memory": "[yellow]memory[/]", "infra": "[magenta]infra[/]",
          "missing": "[dim]missing[/]", "refused": "[red]refused[/]"}




def row_kind(row: GradeRow) -> str:
    """The row's status, with "missing" (no file) and "refused" (a link, special or oversized file) apart."""
    return "missing" if row.missing else "refused" if row.refused else row.status


@dataclass(frozen=True)
class ExerciseSummary:
    exercise: str
    students: int
    handed_in: int
    passed: int
    mean_score: float
    max_score: float
    statuses: dict[str, int]

    @property
    def pass_rate(self) -> float:
        return self.passed / self.students if self.students else 0.0


def summarize(rows: list[GradeRow], exercises: list[str]) -> list[ExerciseSummary]:
    by_ex: dict[str, list[GradeRow]] = defaultdict(list)
    for row in rows:
        by_ex[row.exercise].append(row)
    out = []
    for ex in exercises:
        ex_rows = by_ex.get(ex, [])
        statuses = Counter(row_kind(r) for r in ex_rows)
        n = len(ex_rows)
        out.append(ExerciseSummary(ex, n, n - statuses.get("missing", 0), statuses.get("passed", 0),
                                   sum(r.score for r in ex_rows) / n if n else 0.0,
                                   ex_rows[0].result.max_score if ex_rows else 0.0, dict(statuses)))
    return out


def most_failed_checks(rows: list[GradeRow], limit: int = 5) -> list[tuple[str, str, int, int]]:
    """(exercise, check title, students who failed it, students who ran it), the most failed first."""
    failed: Counter = Counter()
    ran: Counter = Counter()
    for row in rows:
        for check in row.result.checks:
            key = (row.exercise, check.title)
            ran[key] += 1
            failed[key] += check.status == "failed"
    top = [(ex, title, n, ran[(ex, title)]) for (ex, title), n in failed.most_common() if n > 0]
    return top[:limit]


def print_summary(rows: list[GradeRow], exercises: list[str], lang: str, file: Any = None) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    out = file or sys.stdout
    # Rich assumes 80 columns when not on a terminal; a log or a file reads better with the full table.
    console = Console(file=out, highlight=False, width=None if out.isatty() else 120)
    table = Table(title=pick(lang, "Batch summary", "Resumen del lote"), title_justify="left")
    for name, justify in ((pick(lang, "exercise", "ejercicio"), "left"), (pick(lang, "students", "alumnos"), "right"),
                          (pick(lang, "handed in", "entregados"), "right"), (pick(lang, "passed", "aprobados"), "right"),
                          (pick(lang, "pass rate", "tasa"), "right"), (pick(lang, "mean score", "media"), "right"),
                          (pick(lang, "verdicts", "veredictos"), "left")):
        table.add_column(name, justify=justify)
    for s in summarize(rows, exercises):
        verdicts = ", ".join(f"{_status_name(k, lang)} {v}" for k, v in sorted(s.statuses.items()))
        table.add_row(escape(s.exercise), str(s.students), str(s.handed_in), str(s.passed), f"{s.pass_rate:.0%}",
                      f"{s.mean_score:.1f}/{s.max_score:g}", verdicts)
    console.print(table)
    top = most_failed_checks(rows)
    if top:
        checks = Table(title=pick(lang, "Most failed checks", "Comprobaciones más falladas"), title_justify="left")
        for name, justify in ((pick(lang, "exercise", "ejercicio"), "left"), (pick(lang, "check", "comprobación"), "left"),
                              (pick(lang, "failed", "fallaron"), "right")):
            checks.add_column(name, justify=justify)
        for ex, title, n, ran in top:
            checks.add_row(escape(ex), escape(title), f"{n}/{ran}")
        console.print(checks)
