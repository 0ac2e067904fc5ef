"""The learner's workspace: their own copies of the starters, and `.tutor/` with the progress database.

Course updates never overwrite a learner's file; `reset` restores the starter and keeps a timestamped backup.
"""
from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from tutor.core.course import Course, Exercise

DEFAULT_DIRNAME = "tutor-workspace"


def default_workspace(explicit: str | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("TUTOR_WORKSPACE")
    return Path(env).expanduser() if env else Path.cwd() / DEFAULT_DIRNAME


@dataclass(frozen=True)
class Workspace:
    root: Path

    @property
    def state_dir(self) -> Path:
        return self.root / ".tutor"

    @property
    def database(self) -> Path:
        return self.state_dir / "progress.sqlite3"

    @property
    def backups(self) -> Path:
        return self.state_dir / "backups"

    def exists(self) -> bool:
        return self.state_dir.is_dir()

    def path_for(self, exercise: Exercise) -> Path:
        return self.root / exercise.workspace_name

    def sync(self, course: Course) -> list[Path]:
        """Create the workspace if needed and copy every starter that is not there yet. Returns new files."""
        self.state_dir.mkdir(parents=True, exist_ok=True)
        created = []
        for exercise in course.exercises:
            target = self.path_for(exercise)
            if target.exists() or not exercise.starter.is_file():
                continue  # never overwrite the learner's work
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(".py.tmp")
            shutil.copyfile(exercise.starter, tmp)
            os.replace(tmp, target)
            created.append(target)
        return created

    def reset(self, exercise: Exercise) -> Path | None:
        """Restore the starter; the learner's version goes to .tutor/backups/<lesson>/<file>.<stamp>.py."""
        target = self.path_for(exercise)
        backup = None
        if target.exists():
            stamp = time.strftime("%Y%m%d-%H%M%S")
            backup = self.backups / exercise.lesson.dirname / f"{exercise.module}.{stamp}.py"
            n = 1
            while backup.exists():
                backup = backup.with_name(f"{exercise.module}.{stamp}-{n}.py")
                n += 1
            backup.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(target, backup)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".py.tmp")
        shutil.copyfile(exercise.starter, tmp)
        os.replace(tmp, target)
        return backup
