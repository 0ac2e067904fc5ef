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
                    "Warning: sandbox without bubblewrap: the code graded could read other files of your account "
                    "(the course, the workspace and your home folder were hidden; network and processes isolated). "
                    f"Install bubblewrap: {INSTALL_COMMAND}",
                    "Aviso: sandbox sin bubblewrap: el código calificado podía leer otros archivos de tu cuenta (el "
                    "curso, el espacio de trabajo y tu carpeta personal quedaron ocultos; la red y los procesos, "
                    f"aislados). Instala bubblewrap: {INSTALL_COMMAND}")
    return pick(lang,
                "Warning: no sandbox (process limits only): the code graded could read and change your files, use "
                f"the network and reach the tutor's other processes. Install bubblewrap: {INSTALL_COMMAND}",
                "Aviso: sin sandbox (solo límites de proceso): el código calificado podía leer y cambiar tus "
                f"archivos, usar la red y alcanzar los otros procesos del tutor. Instala bubblewrap: {INSTALL_COMMAND}")
