"""A course folder for the LMS tests: Adam (the built-in grader and solution) worth 20 points, with one check
hidden and one shown after the due date."""
from __future__ import annotations

import shutil
from pathlib import Path

from tests.notebooks.helpers import BUILTIN

EXERCISE_ID = "hidden-optimizers/adam"
MANIFEST = '''format = 1
title.en = "Optimizers, with hidden checks"
title.es = "Optimizadores, con comprobaciones ocultas"
summary.en = "Adam graded with a hidden check, for the LMS tests."
summary.es = "Adam calificado con una comprobación oculta, para las pruebas de LMS."

[[exercise]]
id = "adam"
title.en = "Adam, one step"
title.es = "Adam, un paso"
points = 20
runtime = "numpy"
timeout = 30
hints.en = ["Keep two moving averages.", "Correct their bias before the step."]
hints.es = ["Guarda dos promedios móviles.", "Corrige su sesgo antes del paso."]

[exercise.visibility]
rosenbrock = "hidden"
one_step = "after_due_date"
'''


def make_course(root: Path) -> Path:
    lesson = "41-hidden-optimizers"
    (root / "exercises" / lesson).mkdir(parents=True)
    (root / "exercises" / lesson / "lesson.toml").write_text(MANIFEST, encoding="utf-8")
    (root / "exercises" / lesson / "lesson.en.md").write_text("# Adam\n", encoding="utf-8")
    (root / "exercises" / lesson / "lesson.es.md").write_text("# Adam\n", encoding="utf-8")
    shutil.copy(BUILTIN / "exercises" / "04-optimizers" / "adam.py", root / "exercises" / lesson / "adam.py")
    (root / "solutions" / lesson).mkdir(parents=True)
    shutil.copy(BUILTIN / "solutions" / "04-optimizers" / "adam.py", root / "solutions" / lesson / "adam.py")
    (root / "graders" / lesson).mkdir(parents=True)
    for name in ("test_adam.py", "optimizer_cases.py", "step_diagnosis.py"):
        shutil.copy(BUILTIN / "graders" / "04-optimizers" / name, root / "graders" / lesson / name)
    return root
