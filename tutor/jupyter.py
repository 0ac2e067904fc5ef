"""The tutor inside Jupyter: `%load_ext tutor`, then

    %tutor submit optimizers/adam                  grade the cells run so far in this kernel
    %tutor submit optimizers/adam adam.ipynb       grade a notebook (or .py) file
    %tutor hint optimizers/adam                    the next hint

A grade runs exactly as `tutor submit` does: the learner's code in the sandboxed worker, the trusted checks in a
separate process (never in this kernel), misconceptions recognised. The result is shown as HTML in the cell's
output: the verdict, each check, the named mistake, the notes, the optimizer's trajectory as an SVG plot.

"Cells run so far" are this kernel's executed cells in the order they ran, numbered as Jupyter shows them
(`[5]` is cell 5); a cell that raised an error when it ran is left out, with a note.
"""
from __future__ import annotations

import argparse
import html
import json
import os
import shlex
import time
from pathlib import Path
from typing import Any

from IPython.core.magic import Magics, line_magic, magics_class

from tutor.core.i18n import default_lang, pick

_OWN_MAGIC_LINES = ("%tutor", "%load_ext tutor", "%reload_ext tutor")


class _Usage(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _Usage(message)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="%tutor", add_help=False)
    p.add_argument("--lang", choices=("en", "es"))
    p.add_argument("--course", action="append", default=[], metavar="DIR")
    p.add_argument("--workspace", metavar="DIR")
    sub = p.add_subparsers(dest="command")
    s = sub.add_parser("submit", add_help=False)
    s.add_argument("id")
    s.add_argument("file", nargs="?")
    s.add_argument("--lang", choices=("en", "es"), dest="sub_lang")
    s = sub.add_parser("hint", add_help=False)
    s.add_argument("id")
    s.add_argument("--lang", choices=("en", "es"), dest="sub_lang")
    return p


USAGE = ("usage: %tutor submit ID [FILE]  ·  %tutor hint ID  (options: --lang en|es, --course DIR, "
         "--workspace DIR)")


@magics_class
class TutorMagics(Magics):
    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.failed_cells: set[int] = set()  # execution counts of cells that raised, since the extension loaded
        self.last_result: Any = None
        shell.events.register("post_run_cell", self._after_cell)

    def _after_cell(self, result: Any) -> None:
        count = getattr(result, "execution_count", None)
        if count is not None and not getattr(result, "success", True):
            self.failed_cells.add(int(count))

    @line_magic
    def tutor(self, line: str) -> Any:
        from IPython.display import HTML, display

        try:
            args = _parser().parse_args(shlex.split(line))
        except (_Usage, ValueError) as exc:
            display(HTML(f"<pre>{html.escape(str(exc))}\n{html.escape(USAGE)}</pre>"))
            return None
        if args.command is None:
            display(HTML(f"<pre>{html.escape(USAGE)}</pre>"))
            return None
        lang = args.sub_lang or args.lang or default_lang()
        try:
            if args.command == "hint":
                return self._hint(args, lang)
            return self._submit(args, lang)
        except _Usage as exc:
            display(HTML(f'<div class="tutor-error"><b>tutor:</b> {html.escape(str(exc))}</div>'))
            return None

    # --- submit ----------------------------------------------------------------------------------------
    def _submit(self, args: argparse.Namespace, lang: str) -> None:
        from IPython.display import HTML, display

        from tutor.grading.devices import DeviceError
        from tutor.grading.grader import Grader
        from tutor.grading.submission import Submission, SubmissionFileError

        course, ws = _course(args), _workspace(args)
        exercise = _exercise(course, args.id)
        try:
            submission = Submission.read(Path(args.file)) if args.file else self._cells_run_so_far()
        except SubmissionFileError as exc:
            raise _Usage(str(exc)) from None
        # Cold, the trusted grader in its own process: pytest never runs inside the learner's kernel.
        with Grader(course.roots, ws.root if ws.exists() else None, warm=False, in_process=False) as grader:
            try:
                result = grader.grade(exercise, submission, lang=lang)
            except DeviceError as exc:
                raise _Usage(str(exc)) from None
        if args.file is None:
            from dataclasses import replace

            result = replace(result, notes=tuple(n for n in result.notes if not _about_own_magic(n)))
        if ws.exists():
            from tutor.core.progress import ProgressStore

            with ProgressStore(ws.database) as store:
                store.record_attempt(result.to_attempt(time.time()), result.to_dict())
        self.last_result = result
        display(HTML(result_html(result, lang, exercise.spec.title.get(lang))))
        return None

    def _cells_run_so_far(self) -> Any:
        from tutor.grading.notebook import Note, convert_cells
        from tutor.grading.submission import Submission

        history = list(self.shell.history_manager.input_hist_raw)
        current = int(getattr(self.shell, "execution_count", len(history)))
        cells = [(n, src, ()) for n, src in enumerate(history) if 0 < n < current and n not in self.failed_cells
                 and src.strip()]
        converted = convert_cells(cells)
        skipped = tuple(Note(n, "left out: it raised an error when it ran", "omitida: lanzó un error al ejecutarse")
                        for n in sorted(self.failed_cells) if n < current)
        from dataclasses import replace

        converted = replace(converted, notes=skipped + converted.notes)
        name = Path(os.environ.get("JPY_SESSION_NAME") or "notebook.ipynb").name
        if not name.endswith(".ipynb"):
            name = "notebook.ipynb"
        data = json.dumps([[n, src] for n, src, _ in cells]).encode("utf-8")
        return Submission(Path.cwd() / name, data, notebook=converted)

    # --- hint --------------------------------------------------------------------------------------------
    def _hint(self, args: argparse.Namespace, lang: str) -> None:
        from IPython.display import Markdown, display

        from tutor.core.hints import ladder
        from tutor.core.progress import ProgressStore

        course, ws = _course(args), _workspace(args)
        exercise = _exercise(course, args.id)
        with ProgressStore(ws.database) as store:
            steps = ladder(exercise.spec, lang, store.last_result(exercise.id))
            shown = store.hints_revealed(exercise.id)
            index = min(shown, len(steps.rungs) - 1)
            store.reveal_hint(exercise.id, index)
        parts = []
        if steps.misconception:
            parts.append(f"**{pick(lang, 'About your last submission', 'Sobre tu último envío')}:** "
                         f"{steps.misconception}")
        for n in range(index + 1):
            parts.append(f"**{pick(lang, f'Hint {n + 1} of {len(steps.rungs)}', f'Pista {n + 1} de {len(steps.rungs)}')}"
                         f":** {steps.rungs[n]}")
        if index == len(steps.rungs) - 1 and shown >= len(steps.rungs):
            parts.append(pick(lang, "_(that was the last hint)_", "_(esa era la última pista)_"))
        display(Markdown("\n\n".join(parts)))  # Jupyter renders the hints' Markdown and $math$
        return None


def _about_own_magic(note: str) -> bool:
    return any(f"`{magic}" in note for magic in _OWN_MAGIC_LINES)


def _course(args: argparse.Namespace) -> Any:
    from tutor.core.course import load_course

    for extra in args.course:
        if not Path(extra).is_dir():
            raise _Usage(f"--course {extra}: no such folder")
    return load_course(args.course)


def _workspace(args: argparse.Namespace) -> Any:
    from tutor.core.workspace import Workspace, default_workspace

    return Workspace(default_workspace(args.workspace))


def _exercise(course: Any, ident: str) -> Any:
    from tutor.core.course import UnknownIdError

    try:
        return course.exercise(ident)
    except UnknownIdError as exc:
        raise _Usage(str(exc)) from None


# --- the result as HTML ------------------------------------------------------------------------------------

_COLORS = {"passed": "#1a7f37", "failed": "#cf222e", "error": "#cf222e", "timeout": "#9a6700", "memory": "#9a6700",
           "crashed": "#cf222e", "infra": "#8250df"}
_MARKS = {"passed": "✓", "failed": "✗"}


def result_html(result: Any, lang: str, title: str = "") -> str:
    """A grade as self-contained HTML (inline styles, the plot as inline SVG): what the cell's output shows."""
    from tutor.grading.notice import sandbox_label
    from tutor.grading.render import VERDICTS

    e = html.escape
    en, es, _ = VERDICTS.get(result.status, (result.status, result.status, ""))
    color = _COLORS.get(result.status, "#57606a")
    out = [f'<div class="tutor-result" data-status="{e(result.status)}" style="font-family:sans-serif">',
           f'<div style="font-size:1.1em"><b style="color:{color}">{e(pick(lang, en, es))}</b> '
           f'&nbsp;<code>{e(result.exercise)}</code>{" — " + e(title) if title else ""} &nbsp;'
           f'<b>{round(result.score, 2):g}/{result.max_score:g}</b> {e(pick(lang, "points", "puntos"))} '
           f'<span style="color:#57606a">({result.duration_s:.2f} s, {e(result.device)}, sandbox '
           f'{e(sandbox_label(result.sandbox, lang))})</span></div>']
    if result.message:
        out.append(f'<pre class="tutor-message">{e(result.message)}</pre>')
    if result.detail:
        out.append(f"<pre>{e(result.detail)}</pre>")
    if result.misconception is not None:
        out.append(f'<div class="tutor-misconception" style="border-left:4px solid #9a6700;padding:4px 8px;'
                   f'margin:6px 0"><b>{e(result.misconception_label(lang))}:</b> '
                   f"{e(result.misconception.hint)}</div>")
    if result.checks:
        out.append('<table class="tutor-checks" style="border-collapse:collapse">')
        for check in result.checks:
            mark = _MARKS.get(check.status, "–")
            mark_color = _COLORS.get(check.status, "#57606a")
            body = ""
            if check.message and check.status != "skipped":
                body += f'<pre style="margin:2px 0">{e(check.message)}</pre>'
            if check.traceback:
                body += f'<pre class="tutor-traceback" style="margin:2px 0;color:#57606a">{e(check.traceback)}</pre>'
            out.append(f'<tr class="tutor-check" data-status="{e(check.status)}"><td style="color:{mark_color};'
                       f'vertical-align:top">{mark}</td><td style="text-align:left">{e(check.title)}{body}</td>'
                       f'<td style="vertical-align:top">{check.points:g}/{check.max_points:g}</td></tr>')
        out.append("</table>")
    if result.notes:
        out.append('<ul class="tutor-notes" style="color:#57606a">'
                   + "".join(f"<li>{e(n)}</li>" for n in result.notes) + "</ul>")
    plot = trajectory_svg(result.artifacts.get("trajectory"), lang)
    if plot:
        out.append(f'<div class="tutor-plot">{plot}</div>')
    if result.status in ("failed", "error"):
        out.append(f'<div class="tutor-hint" style="color:#57606a">'
                   f'{e(pick(lang, "Stuck? Run", "¿Atascado? Ejecuta"))} <code>%tutor hint {e(result.exercise)}</code>'
                   "</div>")
    out.append("</div>")
    return "\n".join(out)


def trajectory_svg(trajectory: Any, lang: str) -> str:
    """Your path and the reference's over the surface, as inline SVG; '' when there is none or no matplotlib."""
    if not isinstance(trajectory, dict):
        return ""
    try:
        from matplotlib.backends.backend_svg import FigureCanvasSVG
        from matplotlib.figure import Figure
    except ImportError:
        return ""
    import io

    figure = Figure(figsize=(5, 4))  # not pyplot: the learner's own figures and backend are left alone
    FigureCanvasSVG(figure)
    axes = figure.add_subplot()
    for key, label, style in (("reference", pick(lang, "reference", "referencia"), "--"),
                              ("learner", pick(lang, "yours", "tuya"), "-")):
        points = [p for p in trajectory.get(key) or [] if isinstance(p, list) and len(p) >= 2]
        if points:
            axes.plot([p[0] for p in points], [p[1] for p in points], style, marker=".", label=label)
    if trajectory.get("minimum"):
        axes.plot(*trajectory["minimum"][:2], "k*", markersize=12, label=pick(lang, "minimum", "mínimo"))
    axes.set_title(str(trajectory.get("title") or trajectory.get("function") or ""))
    axes.legend(loc="best")
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    svg = buffer.getvalue()
    return svg[svg.find("<svg"):]


def load_ipython_extension(ipython: Any) -> None:
    ipython.register_magics(TutorMagics(ipython))


def unload_ipython_extension(ipython: Any) -> None:
    magics = ipython.magics_manager.registry.get("TutorMagics")
    if magics is not None:
        ipython.events.unregister("post_run_cell", magics._after_cell)
