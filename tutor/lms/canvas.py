"""Canvas: a gradebook as the CSV Canvas imports (Grades > Import).

The layout is Canvas's own export: `Student, ID, SIS User ID, SIS Login ID, Section`, then one column per
assignment (here, per exercise, named by its id), and a `Points Possible` row under the header. Canvas matches
students by ID / SIS User ID / SIS Login ID, so a roster maps each student's folder name to those: either a CSV
with a `folder` column, or Canvas's own gradebook export, matched on SIS Login ID, SIS User ID or ID.
A grade the tutor could not make (infra) is left blank: Canvas leaves a blank cell's grade as it is.
"""
from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from tutor.batch.gradebook import GradeRow

CANVAS_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
ROSTER_KEYS = ("folder", "SIS Login ID", "SIS User ID", "ID")


class RosterError(ValueError):
    """The roster cannot be used (bad input)."""


@dataclass(frozen=True)
class Person:
    student: str
    id: str = ""
    sis_user_id: str = ""
    sis_login_id: str = ""
    section: str = ""

    def cells(self) -> list[str]:
        return [self.student, self.id, self.sis_user_id, self.sis_login_id, self.section]


def read_roster(path: Path) -> dict[str, Person]:
    """Folder name → the student's Canvas identity."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise RosterError(f"--roster {path}: cannot read it ({exc.strerror})") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise RosterError(f"--roster {path}: not a UTF-8 CSV file ({exc})") from None
    if not rows:
        raise RosterError(f"--roster {path}: no students in it")
    columns = {c.strip() for c in rows[0].keys() if c}
    key = next((k for k in ROSTER_KEYS if k in columns), None)
    if key is None:
        raise RosterError(f"--roster {path}: needs a 'folder' column (each student's folder name) or Canvas's "
                          "'SIS Login ID', 'SIS User ID' or 'ID' column to match folder names against")
    people: dict[str, Person] = {}
    for row in rows:
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
        name = row.get(key, "")
        if not name or row.get("Student", "").strip().lower() == "points possible":
            continue
        people[name] = Person(row.get("Student", "") or name, row.get("ID", ""), row.get("SIS User ID", ""),
                              row.get("SIS Login ID", ""), row.get("Section", ""))
    return people


def write_canvas_csv(rows: Iterable[GradeRow], students: list[str], exercises: list[str],
                     max_scores: dict[str, float], path: Path,
                     roster: dict[str, Person] | None = None) -> tuple[Path, list[str]]:
    """Write the import file; return it and the folders the roster does not name (their rows have no ids)."""
    scores: dict[tuple[str, str], str] = {}
    for row in rows:
        if row.status != "infra":
            scores[(row.student, row.exercise)] = f"{round(row.score, 2):g}"
    unmatched = [s for s in students if roster is not None and s not in roster]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow([*CANVAS_COLUMNS, *exercises])
        out.writerow(["Points Possible", "", "", "", "", *(f"{max_scores.get(e, 0):g}" for e in exercises)])
        for student in students:
            person = (roster or {}).get(student) or Person(student)
            out.writerow([*person.cells(), *(scores.get((student, e), "") for e in exercises)])
    os.replace(tmp, path)
    return path, unmatched
