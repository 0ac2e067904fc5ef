"""The class report as one self-contained HTML page: the numbers of `class_report.build_report`, charts drawn by
matplotlib and inlined as SVG, no script, no file or request besides the page itself."""
from __future__ import annotations

import io
from html import escape
from typing import Any

from tutor.batch.class_report import mistake_line
from tutor.core.i18n import count, pick

CSS = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 70em; color: #1d2230; line-height: 1.45; }
h1 { margin-bottom: 0.2em; } h2 { border-bottom: 2px solid #ccd; margin-top: 2.2em; } h3 { margin-top: 1.4em; }
table { border-collapse: collapse; margin: 0.6em 0; } th, td { padding: 0.25em 0.7em; border-bottom: 1px solid #dde; }
th { text-align: left; background: #f2f3f8; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: #667; } .note { background: #fff7e0; border-left: 4px solid #e0a800; padding: 0.6em 1em; }
.mistake { margin: 0.5em 0 0.9em; } .mistake b { color: #8a1c1c; } .hint { color: #334; margin-left: 1.2em; }
.charts { display: flex; flex-wrap: wrap; gap: 1em; } .charts svg { max-width: 100%; height: auto; }
.pair { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0.5em; margin-bottom: 1.5em; }
.pair pre { margin: 0; font-size: 12px; background: #fafafa; border: 1px solid #dde; padding: 0.4em; overflow-x: auto; }
.pair .shared { background: #ffe1a8; } .pair .ln { color: #99a; display: inline-block; width: 2.5em; }
"""


def _svg(fig: Any) -> str:
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = buffer.getvalue()
    return text[text.index("<svg"):]  # the XML prologue and doctype are not allowed inside HTML


def _figure(width: float = 4.6, height: float = 2.6) -> tuple[Any, Any]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "tutor-report"  # the same numbers draw the same page
    fig, ax = plt.subplots(figsize=(width, height))
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def score_chart(ex: dict[str, Any], lang: str) -> str:
    hist = ex["histogram"]
    edges, counts = hist["edges"], hist["counts"]
    fig, ax = _figure()
    ax.bar(edges[:-1], counts, width=[b - a for a, b in zip(edges, edges[1:])], align="edge", color="#4a6fa5",
           edgecolor="white")
    ax.set_xlabel(pick(lang, f"score (of {ex['points']:g})", f"nota (de {ex['points']:g})"))
    ax.set_ylabel(pick(lang, "students", "alumnos"))
    ax.set_title(pick(lang, "Score distribution", "Distribución de notas"), fontsize=10)
    ax.yaxis.get_major_locator().set_params(integer=True)
    return _svg(fig)


def mistakes_chart(ex: dict[str, Any], lang: str) -> str:
    mistakes = ex["mistakes"]
    fig, ax = _figure(4.6, 0.5 + 0.4 * len(mistakes))
    ax.barh([m["id"] for m in mistakes][::-1], [100 * m["share"] for m in mistakes][::-1], color="#b5473a")
    ax.set_xlim(0, 100)
    ax.set_xlabel(pick(lang, "% of graded students", "% de alumnos calificados"))
    ax.set_title(pick(lang, "Known mistakes", "Errores conocidos"), fontsize=10)
    return _svg(fig)


def learners_chart(ex: dict[str, Any], lang: str) -> str:
    from matplotlib.ticker import MaxNLocator

    learners = ex["learners"]
    fig, ax = _figure()
    points = ax.scatter([ln["attempts"] for ln in learners], [ln["final_score"] for ln in learners],
                        c=[ln["hints"] for ln in learners], cmap="viridis", s=40, edgecolors="black", linewidths=0.4,
                        vmin=0, vmax=max(1, max(ln["hints"] for ln in learners)))
    bar = fig.colorbar(points, ax=ax)
    bar.locator = MaxNLocator(integer=True)
    bar.update_ticks()
    bar.set_label(pick(lang, "hints used", "pistas usadas"))
    ax.set_xlabel(pick(lang, "attempts", "intentos"))
    ax.set_ylabel(pick(lang, "final score", "nota final"))
    ax.set_ylim(-0.3, ex["points"] * 1.05 + 0.3)
    ax.set_title(pick(lang, "Attempts and hints against the final score", "Intentos y pistas frente a la nota "
                      "final"), fontsize=10)
    ax.xaxis.get_major_locator().set_params(integer=True)
    return _svg(fig)


def time_chart(ex: dict[str, Any], lang: str) -> str:
    passed = [ln for ln in ex["learners"] if ln["minutes_to_pass"] is not None]
    fig, ax = _figure()
    ax.scatter([ln["minutes_to_pass"] for ln in passed], [ln["attempts_to_pass"] for ln in passed], color="#3a7d44",
               s=40)
    ax.set_xlabel(pick(lang, "minutes from the first attempt to the pass", "minutos del primer intento al aprobado"))
    ax.set_ylabel(pick(lang, "attempts to pass", "intentos hasta aprobar"))
    ax.set_title(pick(lang, "Time to pass", "Tiempo hasta aprobar"), fontsize=10)
    ax.set_xlim(left=0)
    ax.yaxis.get_major_locator().set_params(integer=True)
    return _svg(fig)


def checks_chart(checks: list[dict[str, Any]], lang: str) -> str:
    fig, ax = _figure(7.5, 0.6 + 0.4 * len(checks))
    labels = [f"{c['exercise']}: {c['check']}"[:70] for c in checks][::-1]
    ax.barh(labels, [c["failed"] for c in checks][::-1], color="#b5473a")
    ax.set_xlabel(pick(lang, "students who failed it", "alumnos que la fallaron"))
    ax.xaxis.get_major_locator().set_params(integer=True)
    return _svg(fig)


def _pair(pair: dict[str, Any], lang: str) -> str:
    kind = pick(lang, "identical once names, comments and layout are set aside",
                "idénticos al dejar de lado nombres, comentarios y formato") if pair["kind"] == "identical" else \
        pick(lang, f"{pair['similarity']:.0%} of the code matches", f"coincide el {pair['similarity']:.0%} del código")
    sides = []
    for student, lines in zip(pair["students"], pair["lines"]):
        body = "\n".join(f'<span class="{"shared" if ln["shared"] else ""}"><span class="ln">{ln["n"]}</span>'
                         f'{escape(ln["text"])}</span>' for ln in lines)
        sides.append(f"<div><b>{escape(student)}</b><pre>{body}</pre></div>")
    first, second = (escape(s) for s in pair["students"])
    return f'<h4>{first} — {second}: {kind}</h4><div class="pair">{"".join(sides)}</div>'


def render_html(report: dict[str, Any]) -> str:
    lang = report["lang"]
    tr = lambda en, es: escape(pick(lang, en, es))  # noqa: E731
    parts = [f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">',
             f"<title>{tr('Class report', 'Informe de la clase')}</title><style>{CSS}</style></head><body>",
             f"<h1>{tr('Class report', 'Informe de la clase')}</h1>",
             f'<p class="muted">{escape(report["gradebook"])} · {report["students"]} '
             f'{tr("students", "alumnos")} · {len(report["exercises"])} {tr("exercises", "ejercicios")}</p>']
    progress = report["progress"]
    if progress["folder"] is None:
        said = tr("Attempts, hints and time to pass come from the learners’ workspaces: pass --submissions "
                  "FOLDER to include them and similar submissions.",
                  "Los intentos, las pistas y el tiempo hasta aprobar vienen de los espacios de trabajo de los "
                  "alumnos: pasa --submissions CARPETA para incluirlos, junto con las entregas parecidas.")
        parts.append(f'<p class="muted">{said}</p>')
    else:
        read, of, folder = progress["workspaces_read"], progress["students"], progress["folder"]
        said = pick(lang, f"Progress read from {read} of {of} students’ workspaces in {folder} (what their own tutor "
                          "recorded).",
                    f"Progreso leído de {read} de {of} espacios de trabajo en {folder} (lo que registró el tutor de "
                    "cada alumno).")
        parts.append(f'<p class="muted">{escape(said)}</p>')
    parts.append(f"<h2>{tr('Overview', 'Resumen')}</h2><table><tr>")
    for en, es in (("exercise", "ejercicio"), ("students", "alumnos"), ("handed in", "entregados"),
                   ("passed", "aprobados"), ("pass rate", "tasa"), ("mean score", "media"),
                   ("most frequent mistake", "error más frecuente"), ("similar pairs", "pares parecidos")):
        parts.append(f"<th>{tr(en, es)}</th>")
    parts.append("</tr>")
    for ex in report["exercises"]:
        top = ex["mistakes"][0] if ex["mistakes"] else None
        parts.append(f'<tr><td><a href="#{escape(ex["id"])}">{escape(ex["title"])}</a></td>'
                     f'<td class="n">{ex["students"]}</td><td class="n">{ex["handed_in"]}</td>'
                     f'<td class="n">{ex["passed"]}</td><td class="n">{ex["pass_rate"]:.0%}</td>'
                     f'<td class="n">{ex["mean_score"]:g}/{ex["points"]:g}</td>'
                     f'<td>{escape(mistake_line(lang, top["students"], top["of"], top["id"])) if top else "–"}</td>'
                     f'<td class="n">{len(ex["similar"])}</td></tr>')
    parts.append("</table>")
    if report["most_failed_checks"]:
        parts.append(f"<h3>{tr('The checks that fail most', 'Las comprobaciones que más fallan')}</h3>")
        parts.append(f'<div class="charts">{checks_chart(report["most_failed_checks"], lang)}</div>')
    for ex in report["exercises"]:
        parts.append(_exercise_section(ex, lang))
    parts.append(f'<h2>{tr("About similar submissions", "Sobre las entregas parecidas")}</h2>'
                 f'<p class="note">{escape(report["similarity"]["note"])}</p></body></html>')
    return "".join(parts)


def _exercise_section(ex: dict[str, Any], lang: str) -> str:
    tr = lambda en, es: escape(pick(lang, en, es))  # noqa: E731
    out = [f'<h2 id="{escape(ex["id"])}">{escape(ex["title"])} <span class="muted">({escape(ex["id"])})</span></h2>',
           f"<p>{escape(_counts_line(ex, lang))}</p>"]
    charts = [score_chart(ex, lang)]
    if ex["mistakes"]:
        charts.append(mistakes_chart(ex, lang))
    out.append(f'<div class="charts">{"".join(charts)}</div>')
    out.append(f"<h3>{tr('Known mistakes', 'Errores conocidos')}</h3>")
    if ex["mistakes"]:
        for m in ex["mistakes"]:
            out.append(f'<div class="mistake"><b>{escape(mistake_line(lang, m["students"], m["of"], m["id"]))}</b>'
                       f' <span class="muted">({escape(", ".join(m["names"]))})</span>'
                       f'<div class="hint">{escape(m["hint"])}</div></div>')
    else:
        out.append(f'<p class="muted">{tr("No graded submission made a known mistake.", "Ninguna entrega calificada cometió un error conocido.")}</p>')
    if ex["failed_checks"]:
        out.append(f"<h3>{tr('Failed checks', 'Comprobaciones falladas')}</h3><table><tr>"
                   f"<th>{tr('check', 'comprobación')}</th><th>{tr('failed', 'fallaron')}</th></tr>")
        for c in ex["failed_checks"]:
            out.append(f'<tr><td>{escape(c["check"])}</td><td class="n">{c["failed"]} / {c["ran"]} '
                       f'({c["share"]:.0%})</td></tr>')
        out.append("</table>")
    if ex["learners"]:
        ttp = ex["time_to_pass"]
        out.append(f"<h3>{tr('Attempts, hints and time to pass', 'Intentos, pistas y tiempo hasta aprobar')}</h3>")
        if ttp["learners"]:
            n, attempts, minutes = ttp["learners"], ttp["median_attempts"], ttp["median_minutes"]
            tries, spent = count(lang, attempts, "attempt"), count(lang, minutes, "minute")
            said = pick(lang, f"{n} passed in their tutor: median {tries} and {spent} from the first attempt.",
                        f"{n} aprobaron en su tutor: mediana de {tries} y {spent} desde el primer intento.")
            out.append(f"<p>{escape(said)}</p>")
        charts = [learners_chart(ex, lang)] + ([time_chart(ex, lang)] if ttp["learners"] else [])
        out.append(f'<div class="charts">{"".join(charts)}</div>')
    if ex["similar"]:
        out.append(f"<h3>{tr('Similar submissions', 'Entregas parecidas')}</h3>"
                   f'<p class="note">{tr("Evidence to look at, never a verdict (see the end of the page). Shared lines are highlighted.", "Un indicio para revisar, nunca un veredicto (ver el final de la página). Las líneas compartidas están resaltadas.")}</p>')
        out += [_pair(p, lang) for p in ex["similar"]]
    if ex["changed_since_graded"]:
        out.append(f'<p class="muted">{escape(_changed_line(ex["changed_since_graded"], lang))}</p>')
    return "".join(out)


def _counts_line(ex: dict[str, Any], lang: str) -> str:
    passed, students, handed, mean, top = ex["passed"], ex["students"], ex["handed_in"], ex["mean_score"], ex["points"]
    return pick(lang, f"{passed} of {students} passed; {handed} handed in; mean {mean:g} of {top:g}.",
                f"{passed} de {students} aprobaron; {handed} entregaron; media {mean:g} de {top:g}.")


def _changed_line(n: int, lang: str) -> str:
    if n == 1:
        return pick(lang, "1 file changed since it was graded and was not compared.",
                    "1 archivo cambió después de calificarse y no se comparó.")
    return pick(lang, f"{n} files changed since they were graded and were not compared.",
                f"{n} archivos cambiaron después de calificarse y no se compararon.")
