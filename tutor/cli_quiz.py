"""`tutor quiz`: a lesson's quiz with plain prompts (screen readers, ssh, scripts), recorded like the TUI's.

`tutor quiz LESSON` asks every question in turn; `tutor quiz LESSON/QUESTION --answer TEXT [--json]` answers one,
exit 0 right, 1 wrong, 2 unreadable. Choices are numbered in the learner's own shuffled order (seeded per
workspace, stable), so `--answer 2` means the second choice as `tutor quiz` shows it.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Callable

from tutor.core.i18n import pick

if TYPE_CHECKING:
    from tutor.core.course import Lesson
    from tutor.core.manifest import Question
    from tutor.core.progress import ProgressStore

EXIT_RIGHT, EXIT_WRONG, EXIT_UNREADABLE = 0, 1, 2


def plain(text: str) -> str:
    from tutor.core.hints import plain as plain_hint

    return plain_hint(text)


def question_text(q: Question, lang: str, order: tuple[int, ...]) -> str:
    lines = [plain(q.prompt.get(lang))]
    if q.choices is not None:
        choices = q.choices.get(lang)
        lines += [f"  {n + 1}. {plain(choices[i])}" for n, i in enumerate(order)]
        lines.append(pick(lang, "Answer with the number of a choice.", "Responde con el número de una opción.")
                     if q.kind == "single" else
                     pick(lang, "Answer with the numbers of every right choice, e.g. 1, 3.",
                          "Responde con los números de todas las opciones correctas, p. ej. 1, 3."))
    elif q.kind == "number":
        lines.append(pick(lang, "Answer with a number, e.g. 0.5, 1e-3 or 1/60.",
                          "Responde con un número, p. ej. 0.5, 1e-3 o 1/60."))
    elif q.kind == "shape":
        lines.append(pick(lang, "Answer with a shape, e.g. (n, 32, 7).", "Responde con una forma, p. ej. (n, 32, 7)."))
    else:
        names = ", ".join(q.symbols) or "x"
        lines.append(pick(lang, f"Answer with a formula in {names} (α and β may be typed as alpha and beta).",
                          f"Responde con una fórmula en {names} (α y β se pueden escribir alpha y beta)."))
    return "\n".join(lines)


def answer(q: Question, text: str, lang: str, order: tuple[int, ...]) -> dict[str, Any]:
    """{"question", "correct" (None when unreadable), "feedback", "explanation" (once right), "normalized"}."""
    from tutor.core.answers import AnswerFormatError, check_answer, parse_choices

    try:
        given: Any = parse_choices(q, text, order) if q.choices is not None else text
        result = check_answer(q, given)
    except AnswerFormatError as exc:
        return {"question": q.id, "correct": None, "feedback": exc.text(lang), "explanation": None}
    except (ValueError, TypeError) as exc:
        return {"question": q.id, "correct": None, "feedback": str(exc), "explanation": None}
    if result.correct:
        return {"question": q.id, "correct": True, "feedback": pick(lang, "Right!", "¡Correcto!"),
                "explanation": plain(q.explanation.get(lang)), "normalized": result.normalized}
    return {"question": q.id, "correct": False, "feedback": result.feedback_text(lang), "explanation": None,
            "normalized": result.normalized}


def answer_one(lesson: Lesson, q: Question, text: str, lang: str, store: ProgressStore, as_json: bool) -> int:
    from tutor.core.answers import choice_order

    outcome = answer(q, text, lang, choice_order(q, store.learner_seed()))
    if outcome["correct"] is not None:
        store.record_quiz_answer(lesson.slug, q.id, outcome["normalized"], outcome["correct"])
    outcome.pop("normalized", None)
    if as_json:
        print(json.dumps(outcome, ensure_ascii=False))
    else:
        print(("✓ " if outcome["correct"] else "✗ " if outcome["correct"] is False else "? ") + outcome["feedback"])
        if outcome["explanation"]:
            print(outcome["explanation"])
    if outcome["correct"] is None:
        return EXIT_UNREADABLE
    return EXIT_RIGHT if outcome["correct"] else EXIT_WRONG


def run_quiz(lesson: Lesson, questions: tuple[Question, ...], lang: str, store: ProgressStore,
             read: Callable[[str], str] = input) -> int:
    """Ask each question until it is right or skipped (an empty line shows the answer); end with a summary."""
    from tutor.core.answers import choice_order

    seed = store.learner_seed()
    first_try = 0
    for n, q in enumerate(questions):
        order = choice_order(q, seed)
        print(f"\n{pick(lang, 'Question', 'Pregunta')} {n + 1}/{len(questions)}  [{q.id}]")
        print(question_text(q, lang, order))
        tries = 0
        while True:
            try:
                text = read("> ").strip()
            except EOFError:
                text = ""
            if not text:
                print(pick(lang, "The answer: ", "La respuesta: ") + _key_text(q, lang, order))
                print(plain(q.explanation.get(lang)))
                break
            outcome = answer(q, text, lang, order)
            if outcome["correct"] is None:
                print("? " + outcome["feedback"])
                continue
            store.record_quiz_answer(lesson.slug, q.id, outcome["normalized"], outcome["correct"])
            tries += 1
            if outcome["correct"]:
                first_try += tries == 1
                print("✓ " + outcome["feedback"] + "\n" + outcome["explanation"])
                break
            print("✗ " + outcome["feedback"] + pick(lang, "  (try again, or an empty line shows the answer)",
                                                    "  (inténtalo de nuevo, o una línea vacía muestra la respuesta)"))
    status = store.quiz_status(lesson.slug)
    right = sum(1 for q in questions if status.get(q.id))
    print()
    print(pick(lang, f"Summary: {first_try} of {len(questions)} right at the first try; {right} of "
                     f"{len(questions)} answered right so far.",
               f"Resumen: {first_try} de {len(questions)} correctas al primer intento; {right} de "
               f"{len(questions)} respondidas bien hasta ahora."))
    exercises = lesson.exercises
    if right < len(questions):
        print(pick(lang, f"Next: run `tutor quiz {lesson.slug}` again for the ones still open.",
                   f"Siguiente: vuelve a correr `tutor quiz {lesson.slug}` para las que faltan."))
    elif exercises:
        print(pick(lang, f"Next: the exercise {exercises[0].id} (`tutor hint {exercises[0].id}` when stuck).",
                   f"Siguiente: el ejercicio {exercises[0].id} (`tutor hint {exercises[0].id}` si te atascas)."))
    return EXIT_RIGHT if right == len(questions) else EXIT_WRONG


def _key_text(q: Question, lang: str, order: tuple[int, ...]) -> str:
    if q.kind == "single":
        return f"{order.index(q.answer) + 1}. {plain(q.choices.get(lang)[q.answer])}"
    if q.kind == "multiple":
        return "; ".join(f"{order.index(i) + 1}. {plain(q.choices.get(lang)[i])}" for i in sorted(q.answer,
                                                                                               key=order.index))
    return f"{q.answer:g}" if isinstance(q.answer, float) else str(q.answer)
