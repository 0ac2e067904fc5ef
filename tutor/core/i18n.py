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
