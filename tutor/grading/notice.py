"""What each sandbox mode leaves unprotected, in one line a learner or an instructor can act on.

Imported by the CLI, the TUI and batch grading; it imports nothing heavy (no Textual, no Rich, no NumPy).
"""
from __future__ import annotations

from tutor.core.i18n import pick

FULL_SANDBOX = "bwrap"
INSTALL_COMMAND = "sudo apt-get install bubblewrap"


def sandbox_mode(mode: str) -> str:
    """The mode under its current name: "process" (older results) is the same as "none"."""
    return "none" if mode in ("process", "") else mode


def sandbox_label(mode: str, lang: str) -> str:
    """How a result names its sandbox: `bwrap`, `namespaces (no bubblewrap)`, `none (process limits only)`."""
    mode = sandbox_mode(mode)
    if mode == FULL_SANDBOX:
        return "bwrap"
    if mode == "namespaces":
        return pick(lang, "namespaces (no bubblewrap)", "namespaces (sin bubblewrap)")
    if mode == "none":
        return pick(lang, "none (process limits only)", "ninguno (solo límites de proceso)")
    return mode


def sandbox_notice(mode: str, lang: str) -> str | None:
    """One warning line when the grade ran without bubblewrap's full sandbox; None when it did."""
    mode = sandbox_mode(mode)
    if mode == FULL_SANDBOX:
        return None
    if mode == "namespaces":
        return pick(lang,
                    "Warning: graded without bubblewrap: the code could read your files and the course's solutions "
                    f"(network and processes were isolated). Install it: {INSTALL_COMMAND}",
                    "Aviso: calificado sin bubblewrap: el código podía leer tus archivos y las soluciones del curso "
                    f"(la red y los procesos quedaron aislados). Instálalo: {INSTALL_COMMAND}")
    return pick(lang,
                f"Warning: graded with no sandbox ({sandbox_label(mode, lang)}): the code could read and change your "
                f"files, use the network and reach the tutor's other processes. Install bubblewrap: {INSTALL_COMMAND}",
                f"Aviso: calificado sin sandbox ({sandbox_label(mode, lang)}): el código podía leer y cambiar tus "
                f"archivos, usar la red y alcanzar los otros procesos del tutor. Instala bubblewrap: {INSTALL_COMMAND}")
