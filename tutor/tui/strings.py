"""Interface text in English and Spanish.

Every label goes through `tr(lang, en, es)`; key descriptions are written in English in BINDINGS and looked up
here for Spanish, so the footer and the help screen follow the language switch at run time.
"""
from __future__ import annotations

from tutor.core.i18n import pick as tr
from tutor.core.i18n import plural
from tutor.grading.render import VERDICTS

KEYS_ES: dict[str, str] = {
    "Help": "Ayuda",
    "Language": "Idioma",
    "Theme": "Tema",
    "Quit": "Salir",
    "Open": "Abrir",
    "Next": "Siguiente",
    "Continue": "Continuar",
    "Progress": "Progreso",
    "Back": "Volver",
    "Quiz": "Cuestionario",
    "Contents": "Índice",
    "Check": "Comprobar",
    "Previous": "Anterior",
    "Show answer": "Ver respuesta",
    "Save & grade": "Calificar",  # short: the exercise footer must keep esc and F1 at 80 columns
    "Hint": "Pista",
    "Watch": "Vigilar",
    "Cancel": "Cancelar",
    "Solution": "Solución",
    "Reload": "Recargar",
    "Instructions": "Instrucciones",
    "Task": "Tarea",
    "Export CSV": "Exportar CSV",
    "Export JSON": "Exportar JSON",
    "My report": "Mi informe",
    "Submit": "Enviar",
    "Open lesson": "Abrir lección",
    "Edit": "Editar",
    "Select all": "Seleccionar todo",
    "Start": "Empezar",
}


def key_label(lang: str, description: str) -> str:
    return KEYS_ES.get(description, description) if lang == "es" else description


# Key names that are words rather than what the key shows (enter, esc, tab, ctrl are printed on the keys).
KEY_NAMES_ES: dict[str, str] = {"space": "espacio"}


def key_name(lang: str, key: str) -> str:
    return KEY_NAMES_ES.get(key, key) if lang == "es" else key


# The verdicts as the CLI says them (tutor/grading/render.py), without their colours.
STATUS = {status: (en, es) for status, (en, es, _colour) in VERDICTS.items()}


def status_label(lang: str, status: str) -> str:
    en, es = STATUS.get(status, (status, status))
    return tr(lang, en, es)


SHORT_STATUS = {"error": ("✗ error", "✗ error"), "infra": ("! not graded", "! sin calificar")}


def short_status(lang: str, status: str) -> str:
    """A status for a table cell: a word or two."""
    if status in SHORT_STATUS:
        return tr(lang, *SHORT_STATUS[status])
    return status_label(lang, status)


def tries(lang: str, n: int) -> str:
    from tutor.core.i18n import count

    return count(lang, n, "try")


def duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


__all__ = ["tr", "key_label", "key_name", "status_label", "short_status", "plural", "tries", "duration", "KEYS_ES",
           "KEY_NAMES_ES"]
