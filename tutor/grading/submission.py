"""A submission, read once: the bytes that are graded are the bytes that are hashed and recorded."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.grading.notebook import ConvertedNotebook

from tutor.core.i18n import Bilingual

MAX_SUBMISSION_BYTES = 1 << 20
# A notebook keeps its outputs (plots, logs) beside the code: room for them; only the code cells are graded.
MAX_NOTEBOOK_BYTES = 16 << 20


def size_limit(path: Path | str) -> int:
    return MAX_NOTEBOOK_BYTES if is_notebook(path) else MAX_SUBMISSION_BYTES


class SubmissionFileError(Bilingual, ValueError):
    """The file to grade cannot be read at all: bad input, nothing is graded or recorded. Said in both
    languages (`.text(lang)`) where a Spanish text is given."""

    def __init__(self, en: str, es: str | None = None) -> None:
        super().__init__(en, es if es is not None else en)


@dataclass(frozen=True)
class Submission:
    """`data` is what the learner handed in (hashed, recorded); `text` is the Python that runs: the same bytes for
    a .py file, the code cells of a .ipynb notebook (with `notebook` holding its line map and notes)."""

    path: Path
    data: bytes
    notebook: ConvertedNotebook | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.notebook is None and is_notebook(self.path):
            from tutor.grading.notebook import NotebookError, convert

            try:
                object.__setattr__(self, "notebook", convert(self.data))
            except (NotebookError, UnicodeDecodeError) as exc:
                raise SubmissionFileError(f"{self.path}: {exc}; open it in Jupyter and save it again") from None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def text(self) -> str:
        return self.notebook.source if self.notebook is not None else self.data.decode("utf-8")

    @classmethod
    def read(cls, path: Path | str) -> Submission:
        """Read `path` once, at most 1 MiB, as UTF-8 text; SubmissionFileError with what to do otherwise."""
        path = Path(path)
        if not path.exists():
            raise SubmissionFileError(
                f"{path}: no such file; check the path or run `tutor init` to create the workspace",
                f"{path}: no existe ese archivo; revisa la ruta o corre `tutor init` para crear el espacio de trabajo")
        if path.is_dir():
            raise SubmissionFileError(f"{path} is a directory; pass the exercise's .py (or .ipynb) file",
                                      f"{path} es una carpeta; pasa el archivo .py (o .ipynb) del ejercicio")
        limit = size_limit(path)
        try:
            with open(path, "rb") as fh:
                data = fh.read(limit + 1)
        except OSError as exc:
            raise SubmissionFileError(f"{path}: cannot read it ({exc.strerror}); check its permissions",
                                      f"{path}: no se puede leer ({exc.strerror}); revisa sus permisos") from None
        if len(data) > limit:
            raise SubmissionFileError(
                f"{path}: larger than {limit >> 20} MiB; a submission is one .py file of source code (or one .ipynb "
                "notebook; clear its outputs to make it smaller)",
                f"{path}: pesa más de {limit >> 20} MiB; un envío es un archivo .py de código fuente (o un cuaderno "
                ".ipynb; borra sus salidas para que pese menos)")
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise SubmissionFileError(f"{path}:{line}: the file is not UTF-8 text; save it as UTF-8",
                                      f"{path}:{line}: el archivo no es texto UTF-8; guárdalo como UTF-8") from None
        return cls(path, data)


def is_notebook(path: Path | str) -> bool:
    return Path(path).suffix.lower() == ".ipynb"
