"""The learner's own class report, on the progress screen (key m): for the highlighted exercise, their score
over their attempts and the known mistake they made most often, with its hint."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from tutor.core.i18n import pick

if TYPE_CHECKING:
    from tutor.core.course import Exercise
    from tutor.core.progress import ProgressStore

BLOCKS = "▁▂▃▄▅▆▇█"
MAX_SHOWN = 40  # the newest attempts; one cell each


@dataclass(frozen=True)
class MyExercise:
    scores: tuple[float, ...]
    max_score: float
    mistake: str | None  # the misconception's id
    mistake_count: int
    graded: int  # attempts with a stored result

    def curve(self) -> str:
        top = self.max_score or max(self.scores, default=1.0) or 1.0
        return "".join(BLOCKS[min(len(BLOCKS) - 1, int(s / top * (len(BLOCKS) - 1) + 0.5))]
                       for s in self.scores[-MAX_SHOWN:])


def my_exercise(store: ProgressStore, exercise: Exercise) -> MyExercise:
    attempts = [a for a in store.attempts(exercise.id) if a.status != "infra"]
    results = store.attempt_results(exercise.id)
    mistakes = Counter(r["misconception"]["id"] for r in results if isinstance(r.get("misconception"), dict))
    mistake, count = mistakes.most_common(1)[0] if mistakes else (None, 0)
    return MyExercise(tuple(a.score for a in attempts), float(exercise.spec.points), mistake, count, len(results))


def describe(mine: MyExercise, exercise: Exercise, lang: str) -> Text:
    title = exercise.spec.title.get(lang)
    if not mine.scores:
        return Text(pick(lang, f"{title}: no attempts yet.", f"{title}: todavía sin intentos."), style="dim")
    n = len(mine.scores)
    text = Text(pick(lang, f"{title} — your score over {n} attempt{'s' if n != 1 else ''}: ",
                     f"{title} — tu nota en {n} intento{'s' if n != 1 else ''}: "), style="bold")
    text.append(mine.curve(), style="cyan")
    text.append(f"  {mine.scores[0]:g} → {mine.scores[-1]:g}/{mine.max_score:g}")
    if mine.mistake is None:
        text.append("\n" + pick(lang, "No known mistake in your graded attempts.",
                                "Ningún error conocido en tus intentos calificados."), style="green")
        return text
    hints = {m.id: m.hint.get(lang) for m in exercise.spec.misconceptions}
    text.append("\n" + pick(lang, f"Your most frequent mistake ({mine.mistake_count} of {mine.graded} graded): ",
                            f"Tu error más frecuente ({mine.mistake_count} de {mine.graded} calificados): "),
                style="yellow")
    text.append(hints.get(mine.mistake, mine.mistake))
    return text


class MyReport(Static):
    DEFAULT_CSS = """
    MyReport { height: auto; max-height: 6; padding: 0 1; border-top: solid $primary; display: none; }
    MyReport.-shown { display: block; }
    """

    def show_for(self, store: ProgressStore, exercise: Exercise | None, lang: str) -> None:
        if exercise is None:
            self.update(Text(pick(lang, "Pick an exercise to see your curve and your most frequent mistake.",
                                  "Elige un ejercicio para ver tu curva y tu error más frecuente."), style="dim"))
        else:
            self.update(describe(my_exercise(store, exercise), exercise, lang))
