"""Class-wide grading for instructors: planning (submissions.py, safe_files.py), executors (local workers or a
Dask cluster), the gradebook, reports and exports; `tutor grade` in grade_command.py. Lesson authoring lives in
tutor/authoring/. Heavy parts are imported when used.
"""
from __future__ import annotations

import argparse


def cli_grade(args: argparse.Namespace) -> int:
    """`tutor grade`: see tutor.batch.grade_command."""
    from tutor.batch.grade_command import cli_grade as _cli_grade

    return _cli_grade(args)
