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
