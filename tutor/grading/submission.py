"""A submission, read once: the bytes that are graded are the bytes that are hashed and recorded."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from tutor.core.i18n import Bilingual

MAX_SUBMISSION_BYTES = 1 << 20


class SubmissionFileError(Bilingual, ValueError):
    """The file to grade cannot be read at all: bad input, nothing is graded or recorded. Said in both
    languages (`.text(lang)`)."""


@dataclass(frozen=True)
class Submission:
    path: Path
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def text(self) -> str:
        return self.data.decode("utf-8")

    @classmethod
    def read(cls, path: Path | str) -> Submission:
        """Read `path` once, at most 1 MiB, as UTF-8 text; SubmissionFileError with what to do otherwise."""
        path = Path(path)
        if not path.exists():
            raise SubmissionFileError(
                f"{path}: no such file; check the path or run `tutor init` to create the workspace",
                f"{path}: no existe ese archivo; revisa la ruta o corre `tutor init` para crear el espacio de trabajo")
        if path.is_dir():
            raise SubmissionFileError(f"{path} is a directory; pass the exercise's .py file",
                                      f"{path} es una carpeta; pasa el archivo .py del ejercicio")
        try:
            with open(path, "rb") as fh:
                data = fh.read(MAX_SUBMISSION_BYTES + 1)
        except OSError as exc:
            raise SubmissionFileError(f"{path}: cannot read it ({exc.strerror}); check its permissions",
                                      f"{path}: no se puede leer ({exc.strerror}); revisa sus permisos") from None
        mib = MAX_SUBMISSION_BYTES >> 20
        if len(data) > MAX_SUBMISSION_BYTES:
            raise SubmissionFileError(f"{path}: larger than {mib} MiB; a submission is one .py file of source code",
                                      f"{path}: pesa más de {mib} MiB; un envío es un archivo .py de código fuente")
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise SubmissionFileError(f"{path}:{line}: the file is not UTF-8 text; save it as UTF-8",
                                      f"{path}:{line}: el archivo no es texto UTF-8; guárdalo como UTF-8") from None
        return cls(path, data)
