"""How a worker's trouble reaches the grader: the worker gone (a verdict for the whole grade), the learner's code
raising (a failed check), a function missing; and the words for a worker's exit."""
from __future__ import annotations

from tutor.grading.checks import t


class WorkerGone(Exception):
    """The worker is no more; the whole grade takes this verdict."""

    def __init__(self, status: str, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


class SubmissionError(AssertionError):
    """The learner's code raised (or returned something unreadable); a failed check, in the learner's terms."""

    def __init__(self, info: dict, call: str) -> None:
        self.info, self.call = info, call
        kind, msg = info.get("type", "Exception"), info.get("message", "")
        if kind == "NotImplementedError" and not msg:
            super().__init__(t(f"{call} is not implemented yet: the starter's `raise NotImplementedError` is still "
                               "there; replace the TODO with your code",
                               f"{call} aún no está implementada: sigue el `raise NotImplementedError` del archivo "
                               "inicial; reemplaza el TODO con tu código"))
        else:
            super().__init__(t(f"{call} raised {kind}: {msg}", f"{call} lanzó {kind}: {msg}"))

    @property
    def traceback_text(self) -> str:
        return self.info.get("traceback", "")


class MissingFunction(AssertionError):
    pass


def describe_exit(status: int, startup: bool = False) -> str:
    import signal as _signal

    if status < 0:
        try:
            name = _signal.Signals(-status).name
        except ValueError:
            name = f"signal {-status}"
        hint = {"SIGSEGV": t(" (a segmentation fault: memory was accessed that does not exist)",
                             " (un fallo de segmentación: se accedió a memoria inexistente)"),
                "SIGXCPU": t(" (the CPU time limit)", " (el límite de tiempo de CPU)"),
                "SIGKILL": t(" (killed)", " (terminado)")}.get(name, "")
        return t(f"your code crashed the worker with {name}{hint}", f"tu código hizo caer el proceso con {name}{hint}")
    return t(f"your code ended the worker process (exit code {status}; sys.exit or os._exit?) "
             "before the checks finished",
             f"tu código terminó el proceso (código {status}; ¿sys.exit u os._exit?) antes de que acabaran "
             "las comprobaciones")
