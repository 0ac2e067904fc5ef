"""`--lang es`: every learner-facing command says nothing in English (ids, paths and code aside)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli.test_cli import tutor
from tests.conftest import ROOT

# Words a Spanish learner must never meet in the tutor's own text.
ENGLISH = ("passed", "failed", "attempts", "hint", "hints", "source", "exercise", "exercises", "lesson", "score",
           "points", "images", "train", "test", "status", "best", "workspace", "unknown", "no such", "did you mean",
           "run", "try", "usage", "error: argument", "invalid choice", "required", "the", "not", "your", "quiz",
           "questions", "right", "wrong", "answer")

# What may legitimately hold those words: ids (tensors/broadcasting), paths, `code`, `tutor CMD` lines, options,
# Python's own traceback lines and exception names, command names quoted or listed in the help.
_NOT_PROSE = [re.compile(p) for p in (
    r"`[^`]*`", r"(?:/[\w.\-+]+)+/?", r"\b[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*\b",
    r"\btutor (?:start|init|list|progress|hint|reset|solution|submit|data|quiz|lesson|grade)\b",
    r"--[a-z][\w-]*", r'File "[^"]*", line \d+, in \w+', r"\b\w+Error\b",
    r"\{[^}]*\}", r"'[^']*'", r"(?m)^ {2,}[a-z]+(?= |$)", r"\b[A-Z][A-Z_]{2,}\b", r"\bmlxtend-subset\b", r"\[[^\]]*\]")]


def english_in(text: str) -> list[str]:
    for pattern in _NOT_PROSE:
        text = pattern.sub(" ", text)
    return [w for w in ENGLISH if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text, re.I)]


def es(*args: str, cwd: Path) -> tuple[int, str]:
    done = tutor("--lang", "es", *args, cwd=cwd)
    return done.returncode, done.stdout + done.stderr


def test_the_filter_sees_english_and_spares_ids_and_code() -> None:
    assert english_in("✗ failed  tensors/broadcasting  0/10 points") == ["failed", "points"]
    assert english_in("¿atascado? tutor hint tensors/broadcasting; `raise NotImplementedError`") == []


@pytest.mark.slow  # seconds of screens or of cold grades; `make test` runs it
def test_every_command_speaks_spanish(tmp_path: Path) -> None:
    said: dict[str, tuple[int, str]] = {}
    said["progress before init"] = es("progress", cwd=tmp_path)
    said["init"] = es("init", cwd=tmp_path)
    said["list"] = es("list", cwd=tmp_path)
    said["help"] = es("--help", cwd=tmp_path)
    said["submit help"] = es("submit", "--help", cwd=tmp_path)
    said["usage error"] = es("submit", cwd=tmp_path)
    said["bad choice"] = es("submit", "tensors/broadcasting", "--device", "tpu", cwd=tmp_path)
    said["unknown command"] = es("bogus", cwd=tmp_path)
    said["hint"] = es("hint", "tensors/broadcasting", cwd=tmp_path)
    said["unknown id"] = es("hint", "tensors/broadcastin", cwd=tmp_path)
    said["unknown lesson"] = es("quiz", "tensores", cwd=tmp_path)
    said["missing file"] = es("submit", "tensors/broadcasting", str(tmp_path / "nofile.py"), cwd=tmp_path)
    said["folder as file"] = es("submit", "tensors/broadcasting", str(tmp_path), cwd=tmp_path)
    said["gpu for numpy"] = es("submit", "tensors/broadcasting", "--device", "gpu", cwd=tmp_path)
    said["submit starter"] = es("submit", "tensors/broadcasting", cwd=tmp_path)
    said["solution locked"] = es("solution", "tensors/broadcasting", cwd=tmp_path)
    said["submit solution"] = es("submit", "tensors/broadcasting",
                                 str(ROOT / "solutions" / "01-tensors" / "broadcasting.py"), cwd=tmp_path)
    said["progress"] = es("progress", cwd=tmp_path)
    said["reset"] = es("reset", "tensors/broadcasting", cwd=tmp_path)
    said["data"] = es("data", cwd=tmp_path)
    said["quiz wrong"] = es("quiz", "tensors/spreadsheet", "--answer", "(10, n)", cwd=tmp_path)
    said["quiz right"] = es("quiz", "tensors/spreadsheet", "--answer", "(n, 10)", cwd=tmp_path)
    said["quiz no question"] = es("quiz", "tensors/nosuch", "--answer", "1", cwd=tmp_path)
    said["lesson without action"] = es("lesson", cwd=tmp_path)
    leaks = {name: english_in(out) for name, (_, out) in said.items() if english_in(out)}
    assert leaks == {}, {name: said[name][1] for name in leaks}
    # the commands did run, and in Spanish: not a test passed by silence
    assert said["progress before init"][0] == 2 and "tutor init" in said["progress before init"][1]
    assert "intentos" in said["progress"][1] and "aprobado" in said["progress"][1]
    assert said["submit starter"][0] == 1 and "no aprobado" in said["submit starter"][1]
    assert said["submit solution"][0] == 0 and "aprobado" in said["submit solution"][1]
    assert said["unknown id"][0] == 2 and "¿quisiste decir tensors/broadcasting" in said["unknown id"][1]
    assert "uso:" in said["usage error"][1] and said["usage error"][0] == 2
    assert "imágenes" in said["data"][1]
