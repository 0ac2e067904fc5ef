"""A submission, read once: the bytes that are graded are the bytes that are hashed and recorded."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

MAX_SUBMISSION_BYTES = 1 << 20


class SubmissionFileError(ValueError):
    """The file to grade cannot be read at all: bad input, nothing is graded or recorded."""


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
            raise SubmissionFileError(f"{path}: no such file; check the path or run `tutor init` to create the "
                                      "workspace")
        if path.is_dir():
            raise SubmissionFileError(f"{path} is a directory; pass the exercise's .py file")
        try:
            with open(path, "rb") as fh:
                data = fh.read(MAX_SUBMISSION_BYTES + 1)
        except OSError as exc:
            raise SubmissionFileError(f"{path}: cannot read it ({exc.strerror}); check its permissions") from None
        if len(data) > MAX_SUBMISSION_BYTES:
            raise SubmissionFileError(f"{path}: larger than {MAX_SUBMISSION_BYTES >> 20} MiB; a submission is one "
                                      ".py file of source code")
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise SubmissionFileError(f"{path}:{line}: the file is not UTF-8 text; save it as UTF-8") from None
        return cls(path, data)
