"""Instructors' tools: class-wide grading into a gradebook (local workers or a Dask cluster), exports,
and lesson authoring (`tutor lesson new` / `tutor lesson check`). Heavy parts are imported when used.
"""
from __future__ import annotations

import argparse


def cli_grade(args: argparse.Namespace) -> int:
    """`tutor grade`: see tutor.batch.cli."""
    from tutor.batch.cli import cli_grade as _cli_grade

    return _cli_grade(args)
