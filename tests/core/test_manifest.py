from __future__ import annotations

from pathlib import Path

import pytest

from tutor.core.course import load_course
from tutor.core.manifest import ManifestError, parse_manifest

GOOD = '''format = 1
title.en = "Demo"
title.es = "Demo"
summary.en = "A demo lesson."
summary.es = "Una lección de prueba."

[[quiz]]
id = "rank"
kind = "number"
prompt.en = "Rank of a matrix?"
prompt.es = "¿Rango de una matriz?"
answer = 2
explanation.en = "Two axes."
explanation.es = "Dos ejes."

[[exercise]]
id = "add-one"
title.en = "Add one"
title.es = "Sumar uno"
hints.en = ["one", "two"]
hints.es = ["uno", "dos"]
'''


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "lesson.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_manifest_loads(tmp_path: Path) -> None:
    m = parse_manifest(_write(tmp_path, GOOD))
    assert m.title.get("es") == "Demo"
    assert m.quiz[0].kind == "number" and m.quiz[0].answer == 2
    ex = m.exercises[0]
    assert (ex.id, ex.file, ex.runtime, ex.timeout, ex.points) == ("add-one", "add_one.py", "numpy", 30.0, 10)


MALFORMED = [
    # (what to change, expected line, expected text in the error)
    (lambda t: t.replace('hints.en = ["one", "two"]', 'hint.en = ["one", "two"]'), 20,
     "exercise[0].hint: unknown key — did you mean 'hints'?"),
    (lambda t: t.replace('title.en = "Demo"\n', ""), None, "title: missing required key 'en'"),
    (lambda t: t.replace('format = 1', 'format = 2'), 1, "format: unsupported format 2 — this tutor reads format = 1"),
    (lambda t: t.replace('kind = "number"', 'kind = "numbr"'), 9, "quiz[0].kind: unknown value 'numbr' — did you mean 'number'?"),
    (lambda t: t.replace('hints.es = ["uno", "dos"]', 'hints.es = ["uno"]'), 21, "exercise[0].hints.es: needs at least 2 entries"),
    (lambda t: t.replace('id = "add-one"', 'id = "Add One"'), 17, "exercise[0].id: 'Add One' is not a valid id"),
    (lambda t: t.replace('answer = 2', 'answer = "two"'), 12, "quiz[0].answer: expected a number, found 'two'"),
    (lambda t: t.replace('title.es = "Sumar uno"', 'title.es = ""'), 19, "exercise[0].title.es: expected a non-empty string"),
    (lambda t: t + 'runtime = "tensorflo"\n', 22, "exercise[0].runtime: unknown value 'tensorflo' — did you mean 'tensorflow'?"),
    (lambda t: t.replace('summary.es = "Una lección de prueba."', 'summary.es = "sin cerrar'), 5, "TOML syntax error"),
    (lambda t: t + 'points = -3\n', 22, "exercise[0].points: expected a positive whole number, found -3"),
    (lambda t: t + '[[exercise]]\nid = "add-one"\ntitle.en = "x"\ntitle.es = "x"\nhints.en = ["a","b"]\nhints.es = ["a","b"]\n',
     23, "exercise[1].id: duplicate id 'add-one'"),
    (lambda t: t.replace('kind = "number"', 'kind = "single"'), 7, "quiz[0]: missing required key 'choices'"),
    (lambda t: t + 'device = "gpu"\n', 22, "exercise[0].device: unknown value 'gpu'"),
]


@pytest.mark.parametrize("mutate, line, expected", MALFORMED)
def test_malformed_manifest_names_file_line_field_and_fix(tmp_path: Path, mutate, line, expected) -> None:
    path = _write(tmp_path, mutate(GOOD))
    with pytest.raises(ManifestError) as info:
        parse_manifest(path)
    message = str(info.value)
    assert expected in message
    assert message.startswith(str(path))
    if line is not None:
        assert info.value.line == line, message
        assert message.startswith(f"{path}:{line}: ")


def test_not_utf8_manifest(tmp_path: Path) -> None:
    path = tmp_path / "lesson.toml"
    path.write_bytes(GOOD.encode() + b'\nx = "\xff"\n')
    with pytest.raises(ManifestError, match="not UTF-8"):
        parse_manifest(path)


def test_broken_lesson_never_hides_the_others(tmp_path: Path) -> None:
    from tests.conftest import write_lesson

    write_lesson(tmp_path, "50-good", GOOD)
    write_lesson(tmp_path, "51-bad", GOOD.replace("hints.en", "hint.en"))
    course = load_course([str(tmp_path)])
    by_slug = {l.slug: l for l in course.lessons}
    assert not by_slug["good"].broken
    assert by_slug["bad"].broken and "did you mean 'hints'" in str(by_slug["bad"].error)
    assert course.exercise("good/add-one").starter == tmp_path / "exercises" / "50-good" / "add_one.py"
