"""Language choice (en, es) for everything the tutor says."""
from __future__ import annotations

import os

LANGS = ("en", "es")


def default_lang() -> str:
    """LC_ALL, then LC_MESSAGES, then LANG: es_* means Spanish, anything else English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "es" if value.lower().startswith("es") else "en"
    return "en"


def pick(lang: str, en: str, es: str) -> str:
    return es if lang == "es" else en


# Counted words, (one, many) in English then Spanish: every count shown to a learner goes through `count` or
# `plural`, so 1 never reads "1 veces" or "1 steps". Add a word here rather than writing "{n} words" in a message.
NOUNS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "time": (("time", "times"), ("vez", "veces")),
    "epoch": (("epoch", "epochs"), ("época", "épocas")),
    "step": (("step", "steps"), ("paso", "pasos")),
    "batch": (("batch", "batches"), ("lote", "lotes")),
    "try": (("try", "tries"), ("intento", "intentos")),
    "attempt": (("attempt", "attempts"), ("intento", "intentos")),
    "entry": (("entry", "entries"), ("valor", "valores")),
    "loss": (("loss", "losses"), ("pérdida", "pérdidas")),
    "update": (("update", "updates"), ("actualización", "actualizaciones")),
    "question": (("question", "questions"), ("pregunta", "preguntas")),
    "choice": (("choice", "choices"), ("opción", "opciones")),
    "right choice": (("right choice", "right choices"), ("opción correcta", "opciones correctas")),
    "new starter file": (("new starter file", "new starter files"),
                         ("archivo inicial nuevo", "archivos iniciales nuevos")),
    "file": (("file", "files"), ("archivo", "archivos")),
    "student": (("student", "students"), ("alumno", "alumnos")),
    "exercise": (("exercise", "exercises"), ("ejercicio", "ejercicios")),
    "minute": (("minute", "minutes"), ("minuto", "minutos")),
    "Dense layer": (("Dense layer", "Dense layers"), ("capa Dense", "capas Dense")),
}


def plural(lang: str, n: float, en: tuple[str, str], es: tuple[str, str]) -> str:
    """'1 try' / '2 tries', '1 intento' / '2 intentos': each pair is (one, many)."""
    one, many = es if lang == "es" else en
    return f"{n:g} {one if n == 1 else many}" if isinstance(n, float) else f"{n} {one if n == 1 else many}"


def count(lang: str, n: float, noun: str) -> str:
    """A count with its word from NOUNS in the right number: count("es", 1, "time") == "1 vez"."""
    en, es = NOUNS[noun]
    return plural(lang, n, en, es)


class Bilingual(Exception):
    """An error whose message exists in both languages; str() is the English one (logs, tracebacks)."""

    def __init__(self, en: str, es: str) -> None:
        super().__init__(en)
        self.en, self.es = en, es

    def text(self, lang: str) -> str:
        return pick(lang, self.en, self.es)


def said(exc: BaseException, lang: str) -> str:
    """An exception's message in the learner's language when it carries both, else its own text."""
    return exc.text(lang) if isinstance(exc, Bilingual) else str(exc)
