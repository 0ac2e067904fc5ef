from __future__ import annotations

from pathlib import Path

from tests.conftest import write_lesson
from tutor.core.course import load_course
from tutor.core.workspace import Workspace

MANIFEST = '''format = 1
title.en = "W"
title.es = "W"
summary.en = "s"
summary.es = "s"
[[exercise]]
id = "thing"
title.en = "Thing"
title.es = "Cosa"
hints.en = ["a", "b"]
hints.es = ["a", "b"]
'''


def _course(tmp_path: Path):
    root = tmp_path / "course"
    write_lesson(root, "60-ws", MANIFEST, {"exercises/60-ws/thing.py": "# starter v1\n"})
    return root, load_course([str(root)])


def test_init_copies_starters_and_never_overwrites(tmp_path: Path) -> None:
    root, course = _course(tmp_path)
    ws = Workspace(tmp_path / "ws")
    created = ws.sync(course)
    mine = ws.path_for(course.exercise("ws/thing"))
    assert mine in created and mine.read_text() == "# starter v1\n"
    assert ws.database.parent.is_dir()
    mine.write_text("# my work\n")
    (root / "exercises/60-ws/thing.py").write_text("# starter v2\n")  # a course update
    assert mine not in ws.sync(load_course([str(root)]))
    assert mine.read_text() == "# my work\n"


def test_reset_restores_starter_and_keeps_a_backup(tmp_path: Path) -> None:
    _, course = _course(tmp_path)
    ws = Workspace(tmp_path / "ws")
    ws.sync(course)
    exercise = course.exercise("ws/thing")
    ws.path_for(exercise).write_text("# attempt 1\n")
    first = ws.reset(exercise)
    ws.path_for(exercise).write_text("# attempt 2\n")
    second = ws.reset(exercise)
    assert ws.path_for(exercise).read_text() == "# starter v1\n"
    assert first != second
    assert first.read_text() == "# attempt 1\n" and second.read_text() == "# attempt 2\n"
    assert first.parent == ws.backups / "60-ws"
