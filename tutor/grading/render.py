"""Printing a grade for a terminal: a live progress line while grading, then the verdict and each check."""
from __future__ import annotations

import sys
from typing import Callable

from tutor.core.i18n import pick
from tutor.grading.result import GradeResult

VERDICTS = {
    "passed": ("✓ passed", "✓ aprobado", "green"),
    "failed": ("✗ failed", "✗ no aprobado", "red"),
    "error": ("✗ error: the file does not load", "✗ error: el archivo no carga", "red"),
    "timeout": ("⏱ timeout", "⏱ tiempo agotado", "yellow"),
    "memory": ("✗ out of memory", "✗ sin memoria", "yellow"),
    "crashed": ("✗ crashed", "✗ se cayó", "red"),
    "infra": ("! the tutor could not grade this (not counted)", "! el tutor no pudo calificar (no cuenta)", "magenta"),
}

# What the worker is doing while the live line waits, said by the engine in English.
STATUS_MESSAGES_ES = {"starting the worker": "arrancando el proceso que evalúa"}


def verdict_text(lang: str, status: str) -> str:
    """A verdict with its mark, as the result's first line says it: "✗ failed", "⏱ timeout"."""
    en, es, _ = VERDICTS.get(status, (status, status, "white"))
    return pick(lang, en, es)


def status_word(lang: str, status: str) -> str:
    """One word per status, for tables (`tutor progress`): the mark beside it already says ✓ or ✗."""
    from tutor.grading.result import verdict_label

    return verdict_label(status, lang)


def progress_printer(lang: str) -> tuple[Callable[[dict], None] | None, Callable[[], None]]:
    """A Rich status line on a TTY (checks, epochs); nothing when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None, lambda: None
    from rich.console import Console

    console = Console(file=sys.stderr)  # bound now: grading redirects sys.stderr while pytest runs
    status = console.status(pick(lang, "grading…", "calificando…"))
    status.start()

    def on_event(event: dict) -> None:
        kind = event.get("kind")
        if kind == "check-started":
            status.update(f"{pick(lang, 'checking', 'comprobando')}: {event.get('title')}")
        elif kind == "epoch":
            m = event.get("metrics", {})
            shown = "  ".join(f"{k}={v:.4f}" for k, v in m.items())
            status.update(f"{pick(lang, 'epoch', 'época')} {event.get('epoch')}/{event.get('epochs') or '?'}  {shown}")
        elif kind == "status":
            message = str(event.get("message"))
            status.update(pick(lang, message, STATUS_MESSAGES_ES.get(message, message)))

    return on_event, status.stop


def print_result(result: GradeResult, lang: str) -> None:
    from rich.console import Console
    from rich.markup import escape

    from tutor.grading.notice import sandbox_label, sandbox_notice

    console = Console(highlight=False)
    en, es, color = VERDICTS.get(result.status, (result.status, result.status, "white"))
    console.print(f"[bold {color}]{pick(lang, en, es)}[/]  {result.exercise}  "
                  f"{round(result.score, 2):g}/{result.max_score:g} {pick(lang, 'points', 'puntos')}  "
                  f"[dim]({result.duration_s:.2f} s, {result.device}, {pick(lang, 'sandbox', 'aislamiento')} "
                  f"{sandbox_label(result.sandbox, lang)})[/]")
    if result.message:
        console.print(escape(result.message))
    if result.detail:
        console.print(escape(result.detail))
    if result.misconception:  # the most useful line first: the named mistake and what to change
        console.print(f"[bold yellow]{escape(result.misconception_label(lang))}:[/] "
                      f"{escape(result.misconception.hint)}")
    for check in result.checks:
        mark = {"passed": "[green]✓[/]", "failed": "[red]✗[/]"}.get(check.status, "[dim]–[/]")
        console.print(f" {mark} {escape(check.title)}  [dim]{check.points:g}/{check.max_points:g}[/]")
        if check.status == "failed" and check.message:
            for line in check.message.splitlines()[:12]:
                console.print(f"     {escape(line)}")
            if check.traceback:
                console.print(f"[dim]{escape(check.traceback)}[/]")
        elif check.status == "passed" and check.message:  # a note: something tolerated, worth knowing
            for line in check.message.splitlines()[:4]:
                console.print(f"     [dim]{escape(line)}[/]")
    for note in result.notes:  # e.g. a notebook's magics and skipped cells
        console.print(f" [dim]· {escape(note)}[/]")
    for key, value in result.metrics.items():
        console.print(f" [dim]{key}: {value}[/]")
    if result.stdout.strip() and result.status != "passed":
        tail = result.stdout.strip().splitlines()[-10:]
        console.print(f"[dim]{pick(lang, 'your output (last lines)', 'tu salida (últimas líneas)')}:[/]")
        for line in tail:
            console.print(f"[dim]  {escape(line[:200])}[/]")
    if result.status in ("failed", "error"):
        console.print(pick(lang, f"[dim]stuck? tutor hint {result.exercise}[/]",
                           f"[dim]¿atascado? tutor hint {result.exercise}[/]"))
    notice = sandbox_notice(result.sandbox, lang)
    if notice:  # last, so it stays in view above the prompt
        console.print(f"[yellow]{escape(notice)}[/]", soft_wrap=True)
