"""Test data for batch grading: a small course holding the NumPy exercise tensors/broadcasting with a short
timeout (so adversarial submissions cost seconds), and a synthetic class of 24 students.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from tutor.core.course import builtin_root

BUILTIN = builtin_root()
SOLUTION = BUILTIN / "solutions" / "01-tensors" / "broadcasting.py"
STARTER = BUILTIN / "exercises" / "01-tensors" / "broadcasting.py"
GRADER = BUILTIN / "graders" / "01-tensors" / "test_broadcasting.py"
EXERCISE_ID = "tensors/broadcasting"

# Our own manifest (the built-in lesson grows): the same exercise, a 5 s limit and 256 MiB.
MANIFEST = '''format = 1
title.en = "Tensors"
title.es = "Tensores"
summary.en = "Broadcasting, for batch-grading tests."
summary.es = "Broadcasting, para pruebas de calificación por lotes."

[[exercise]]
id = "broadcasting"
title.en = "Broadcast two shapes"
title.es = "Broadcasting de dos formas"
points = 10
runtime = "numpy"
timeout = 5
memory = 256
hints.en = ["Align the shapes from the right.", "Equal dimensions or a 1 are compatible."]
hints.es = ["Alinea las formas por la derecha.", "Dimensiones iguales o un 1 son compatibles."]
'''

ALT_CORRECT = '''from __future__ import annotations


def broadcast_shape(a, b):
    a, b = list(a)[::-1], list(b)[::-1]
    out = []
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else 1
        y = b[i] if i < len(b) else 1
        if x != y and x != 1 and y != 1:
            raise ValueError("incompatible")
        out.append(y if x == 1 else x)  # a 1 stretches to the other size, even to 0
    return tuple(out[::-1])
'''

NO_VALUE_ERROR = '''def broadcast_shape(a, b):
    n = max(len(a), len(b))
    pa, pb = (1,) * (n - len(a)) + tuple(a), (1,) * (n - len(b)) + tuple(b)
    return tuple(max(x, y) for x, y in zip(pa, pb))
'''

NO_PADDING = '''def broadcast_shape(a, b):
    out = []
    for x, y in zip(a[::-1], b[::-1]):
        if x != y and 1 not in (x, y):
            raise ValueError("incompatible")
        out.append(max(x, y))
    return tuple(out[::-1])
'''

LEFT_ALIGNED = '''def broadcast_shape(a, b):
    n = max(len(a), len(b))
    pa, pb = tuple(a) + (1,) * (n - len(a)), tuple(b) + (1,) * (n - len(b))
    out = []
    for x, y in zip(pa, pb):
        if x != y and 1 not in (x, y):
            raise ValueError("incompatible")
        out.append(max(x, y))
    return tuple(out)
'''

INFINITE_LOOP = '''def broadcast_shape(a, b):
    while True:
        pass
'''

SYS_EXIT = '''import sys

sys.exit(0)


def broadcast_shape(a, b):
    return ()
'''

OS_EXIT = '''import os


def broadcast_shape(a, b):
    os._exit(3)
'''

MEMORY_HOG = '''def broadcast_shape(a, b):
    hog = [b"x" * (32 << 20) for _ in range(40)]
    return (len(hog),)
'''

# Tries to forge a passing summary on stdout and to read the reference; neither reaches the grader.
FORGER = '''import json, glob

print(json.dumps({"summary": {"checks": [{"id": "example", "status": "passed", "points": 10}]}}))
for path in glob.glob("/tmp/**/solutions/01-tensors/broadcasting.py", recursive=True)[:3]:
    try:
        print(open(path).read())
    except OSError:
        pass


def broadcast_shape(a, b):
    return (0,)
'''

SYNTAX_ERROR = "def broadcast_shape(a, b)\n    return a\n"

# student -> (layout, source or None); layout "ws" = workspace copy (01-tensors/broadcasting.py), "flat" = file.py
CLASS: dict[str, tuple[str, str | bytes | None]] = {}
for n in range(6):
    CLASS[f"correct{n:02d}"] = ("ws" if n % 2 else "flat", "SOLUTION")
for n in range(3):
    CLASS[f"altcorrect{n:02d}"] = ("flat" if n % 2 else "ws", ALT_CORRECT)
CLASS.update({
    "partial-novalueerror": ("ws", NO_VALUE_ERROR),
    "partial-nopadding": ("flat", NO_PADDING),
    "wrong-leftaligned": ("ws", LEFT_ALIGNED),
    "starter-untouched": ("ws", "STARTER"),
    "adv-loop1": ("flat", INFINITE_LOOP),
    "adv-loop2": ("ws", INFINITE_LOOP),
    "adv-sysexit": ("flat", SYS_EXIT),
    "adv-osexit": ("ws", OS_EXIT),
    "adv-memory": ("flat", MEMORY_HOG),
    "adv-forger": ("ws", FORGER),
    "adv-syntax": ("flat", SYNTAX_ERROR),
    "adv-notutf8": ("flat", b"def broadcast_shape(a, b):\n    return '\xff\xfe'\n"),
    "missing-empty": ("none", None),
    "missing-otherfile": ("other", None),
})

# What each group of students must get.
EXPECTED_STATUS = {"correct": "passed", "altcorrect": "passed", "partial": "failed", "wrong": "failed",
                   "starter": "failed",
                   "adv-loop1": "timeout", "adv-loop2": "timeout", "adv-sysexit": "error", "adv-osexit": "crashed",
                   "adv-memory": "memory", "adv-forger": "failed", "adv-syntax": "error", "adv-notutf8": "error",
                   "missing": "error"}


def expected_status(student: str) -> str:
    for prefix, status in EXPECTED_STATUS.items():
        if student.startswith(prefix):
            return status
    raise KeyError(student)


def make_course(root: Path) -> Path:
    for sub in ("exercises", "solutions", "graders"):
        (root / sub / "01-tensors").mkdir(parents=True)
    (root / "exercises" / "01-tensors" / "lesson.toml").write_text(MANIFEST, encoding="utf-8")
    shutil.copy(STARTER, root / "exercises" / "01-tensors" / "broadcasting.py")
    shutil.copy(SOLUTION, root / "solutions" / "01-tensors" / "broadcasting.py")
    shutil.copy(GRADER, root / "graders" / "01-tensors" / "test_broadcasting.py")
    return root


def make_class(folder: Path, students: dict[str, tuple[str, str | bytes | None]] | None = None) -> Path:
    for student, (layout, source) in (students or CLASS).items():
        home = folder / student
        home.mkdir(parents=True)
        if source == "SOLUTION":
            source = SOLUTION.read_text(encoding="utf-8")
        elif source == "STARTER":
            source = STARTER.read_text(encoding="utf-8")
        if layout == "other":
            (home / "notes.txt").write_text("I did not do it", encoding="utf-8")
            continue
        if source is None:
            continue
        target = home / ("01-tensors/broadcasting.py" if layout == "ws" else "broadcasting.py")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source if isinstance(source, bytes) else source.encode("utf-8"))
    return folder
