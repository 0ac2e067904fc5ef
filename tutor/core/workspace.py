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

    def backup(self, exercise: Exercise, data: bytes | None = None) -> Path:
        """Keep a copy in .tutor/backups/<lesson>/<file>.<stamp>.py: the file on disk, or `data` when given."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        backup = self.backups / exercise.lesson.dirname / f"{exercise.module}.{stamp}.py"
        n = 1
        while backup.exists():
            backup = backup.with_name(f"{exercise.module}.{stamp}-{n}.py")
            n += 1
        backup.parent.mkdir(parents=True, exist_ok=True)
        if data is None:
            shutil.copy2(self.path_for(exercise), backup)
        else:
            backup.write_bytes(data)
        return backup

    def reset(self, exercise: Exercise) -> Path | None:
        """Restore the starter; the learner's version goes to .tutor/backups/<lesson>/<file>.<stamp>.py."""
        target = self.path_for(exercise)
        backup = self.backup(exercise) if target.exists() else None
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".py.tmp")
        shutil.copyfile(exercise.starter, tmp)
        os.replace(tmp, target)
        return backup
