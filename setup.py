"""Carries the built-in course (exercises/, solutions/, graders/) inside the wheel as tutor/_course."""
from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

COURSE_DIRS = ("exercises", "solutions", "graders")


class BuildWithCourse(build_py):
    def run(self) -> None:
        super().run()
        here = Path(__file__).parent
        target = Path(self.build_lib) / "tutor" / "_course"
        for name in COURSE_DIRS:
            src = here / name
            if src.is_dir():
                shutil.copytree(src, target / name, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildWithCourse})
