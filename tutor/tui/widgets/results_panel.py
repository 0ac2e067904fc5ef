"""The results of a grade: the verdict, each check ✓/✗ with its message and traceback, plots of the artifacts.

While grading it fills in live from the engine's events; `show_result` then draws the final result.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tutor.grading.notice import sandbox_notice
from tutor.tui.strings import status_label, tr
from tutor.tui.widgets.hint_list import inline_markdown

if TYPE_CHECKING:
    from tutor.grading.result import GradeResult

_MARK = {"passed": ("✓", "green"), "failed": ("✗", "red"), "skipped": ("–", "bright_black")}
_VERDICT_CLASS = {"passed": "-passed", "failed": "-failed", "error": "-failed", "crashed": "-failed",
                  "timeout": "-warning", "memory": "-warning", "infra": "-infra"}


class ResultsPanel(VerticalScroll):
    """Attributes down: the screen sets `lang` and calls begin / add_event / show_result / show_failure."""

    def __init__(self, lang: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.lang = lang
        self.result: GradeResult | None = None
        self.failure: tuple[str, str] | None = None
        self._live: dict[str, dict] = {}
        self._status = ""
        self._grading = False
        self.solution_available = False

    def compose(self) -> ComposeResult:
        yield Static(self._idle_text(), id="verdict")
        yield Static("", id="result-body")

    def _idle_text(self) -> str:
        return tr(self.lang, "Not graded yet: ctrl+s saves and grades your file.",
                  "Sin calificar aún: ctrl+s guarda y califica tu archivo.")

    # --- live --------------------------------------------------------------------------------------
    def begin(self) -> None:
        self._grading, self._live, self._status, self.failure = True, {}, "", None
        self._remove_extras()
        self.query_one("#verdict", Static).set_classes("-running")
        self._render_live()

    def add_event(self, event: dict) -> None:
        kind = event.get("kind")
        if kind == "check-started":
            self._live[str(event.get("id"))] = {"title": event.get("title", ""), "status": "running"}
        elif kind == "check-finished":
            self._live[str(event.get("id"))] = dict(event)
        elif kind == "status":
            self._status = str(event.get("message", ""))
        elif kind == "epoch":
            self._training().add_epoch(event)
            return
        self._render_live()

    def _training(self):  # noqa: ANN202 - imported lazily: plotext loads only when a model trains
        from tutor.tui.widgets.training_view import TrainingView

        views = self.query(TrainingView)
        if views:
            return views.first()
        view = TrainingView(self.lang, classes="extra")
        self.mount(view)
        return view

    def _render_live(self) -> None:
        verdict = self.query_one("#verdict", Static)
        verdict.update(tr(self.lang, "⧗ grading… (escape cancels)", "⧗ calificando… (escape cancela)")
                       + (f"  {escape(self._status)}" if self._status else ""))
        text = Text()
        for check in self._live.values():
            if check.get("status") == "running":
                text.append(f" … {check.get('title', '')}\n", style="bright_black")
            else:
                mark, color = _MARK.get(str(check.get("status")), ("?", "white"))
                text.append(f" {mark} ", style=f"bold {color}")
                text.append(f"{check.get('title', '')}  ")
                text.append(f"{check.get('points', 0):g}/{check.get('max_points', 0):g}\n", style="bright_black")
        self.query_one("#result-body", Static).update(text)

    # --- final -------------------------------------------------------------------------------------
    def show_result(self, result: GradeResult) -> None:
        self._grading, self.result, self.failure = False, result, None
        self._draw_result()

    def show_failure(self, message: str, detail: str = "") -> None:
        self._grading, self.failure = False, (message, detail)
        self._remove_extras()
        verdict = self.query_one("#verdict", Static)
        verdict.set_classes("-failed")
        verdict.update(tr(self.lang, "! could not grade", "! no se pudo calificar"))
        body = Text(message + "\n", style="bold")
        if detail:
            body.append(detail, style="bright_black")
        self.query_one("#result-body", Static).update(body)

    def relabel(self, lang: str) -> None:
        self.lang = lang
        if self._grading:
            self._render_live()
        elif self.failure is not None:
            self.show_failure(*self.failure)
        elif self.result is not None:
            self._draw_result()
        else:
            self.query_one("#verdict", Static).update(self._idle_text())

    def _remove_extras(self) -> None:
        for child in self.query(".extra"):
            child.remove()

    def _draw_result(self) -> None:
        result, lang = self.result, self.lang
        assert result is not None
        verdict = self.query_one("#verdict", Static)
        verdict.set_classes(_VERDICT_CLASS.get(result.status, ""))
        verdict.update(f"{status_label(lang, result.status)}  {round(result.score, 1):g}/{result.max_score:g} "
                       f"{tr(lang, 'points', 'puntos')}  [dim]({result.duration_s:.2f} s, {result.device})[/]")
        body = Text()
        if result.message:
            body.append_text(inline_markdown(result.message + "\n", "bold"))
        if result.detail:
            body.append(result.detail.rstrip() + "\n", style="bright_black")
        if result.misconception is not None:
            body.append(result.misconception_label(lang) + ": ", style="bold yellow")
            body.append_text(inline_markdown(result.misconception.hint + "\n"))
        # one row per check: the mark in its own column, so wrapped messages stay indented under the title
        checks = Table.grid(padding=(0, 1))
        checks.add_column(width=2, justify="right")
        checks.add_column(ratio=1)
        for check in result.checks:
            mark, color = _MARK.get(check.status, ("?", "white"))
            cell = Text(check.title)
            cell.append(f"  {check.points:g}/{check.max_points:g}", style="bright_black")
            if check.status == "failed" and check.message:
                cell.append_text(inline_markdown("\n" + check.message.rstrip()))
            elif check.status == "passed" and check.message:  # a note: something tolerated, worth knowing
                cell.append("\n" + check.message.rstrip(), style="bright_black")
            if check.status == "failed" and check.traceback:
                cell.append("\n" + check.traceback.rstrip(), style="bright_black")
            checks.add_row(Text(mark, style=f"bold {color}"), cell)
        tail = Text()
        for key, value in result.metrics.items():
            shown = f"{value:.4f}" if isinstance(value, float) else str(value)
            tail.append(f" {key}: {shown}\n", style="cyan")
        if result.stdout.strip() and not result.passed:
            tail.append(tr(lang, "\nyour output (last lines):\n", "\ntu salida (últimas líneas):\n"),
                        style="bright_black")
            for line in result.stdout.strip().splitlines()[-10:]:
                tail.append(f"  {line[:200]}\n", style="bright_black")
        if result.passed and self.solution_available:
            tail.append(tr(lang, "\nWell done! f5 shows the reference solution beside your code.",
                           "\n¡Bien hecho! f5 muestra la solución de referencia junto a tu código."), style="green")
        elif result.status in ("failed", "error"):
            tail.append(tr(lang, "\nStuck? ctrl+t reveals a hint.", "\n¿Atascado? ctrl+t muestra una pista."),
                        style="bright_black")
        notice = sandbox_notice(result.sandbox, lang)
        if notice:
            tail.append("\n" + notice, style="yellow")
        body.rstrip()
        parts = [p for p in (body, checks if result.checks else None, tail) if p is not None and
                 (not isinstance(p, Text) or p.plain)]
        self.query_one("#result-body", Static).update(Group(*parts))
        self._draw_artifacts(result)

    def _draw_artifacts(self, result: GradeResult) -> None:
        """Trajectory vs reference, schedules, training curves; an artifact of unknown shape is skipped."""
        for child in self.query(".artifact-plot"):
            child.remove()
        from tutor.tui.widgets.series_plot import as_series

        artifacts = dict(result.artifacts or {})
        plots = []
        trajectory = artifacts.pop("trajectory", None)
        if isinstance(trajectory, dict):
            series = as_series({k: v for k, v in trajectory.items() if k in ("learner", "reference")})
            names = {"learner": tr(self.lang, "yours", "tuya"), "reference": tr(self.lang, "reference", "referencia")}
            series = {names.get(k, k): v for k, v in series.items()}
            if series:
                title = tr(self.lang, "trajectory", "trayectoria")
                if trajectory.get("function"):
                    title += f": {trajectory['function']}"
                plots.append((title, series, True))
        curves = artifacts.pop("curves", None)
        if curves is not None and (series := as_series(curves)):
            plots.append((tr(self.lang, "curves", "curvas"), series, False))
        for name, value in artifacts.items():
            if (series := as_series(value)) and len(series) <= 6:
                plots.append((name, series, False))
        if not plots:
            return
        from tutor.tui.widgets.series_plot import SeriesPlot

        self.mount_all([SeriesPlot(title, series, path=path, classes="extra artifact-plot")
                        for title, series, path in plots])
