"""`tutor --help` and `tutor list`, median wall clock, beside the floor `python -c pass` (budget <= 0.1 s)."""
from __future__ import annotations

import tempfile
from pathlib import Path

from common import PY, row, time_command


def main() -> None:
    cwd = Path(tempfile.mkdtemp())
    floor = time_command([PY, "-c", "pass"], cwd=cwd)
    for args in (["--help"], ["list"]):
        took = time_command([PY, "-m", "tutor", *args], cwd=cwd)
        print(row(f"tutor {' '.join(args)}", took, "python -c pass", floor, "<= 0.1 s"))


if __name__ == "__main__":
    main()
