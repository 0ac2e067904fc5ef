"""A notebook's code cells as one module: what is kept, what is left out with a note, where each line came from."""
from __future__ import annotations

import pytest

from tests.notebooks.helpers import notebook
from tutor.grading.notebook import NotebookError, convert, relocate


def test_code_cells_run_in_order_and_magics_shell_and_skipped_cells_are_left_out_with_a_note() -> None:
    converted = convert(notebook(
        ("markdown", "# Title"),
        "%matplotlib inline\nimport math\n!pip install numpy\nfiles = !ls",
        "def area(r):\n    return math.pi * r ** 2\nmath.sqrt?",
        "# tutor: skip\nraise SystemExit('only for me')",
        ("code", "1 / 0", ["skip-grading"]),
        "%%bash\necho hi",
        "%%time\nbig = area(10)",
    ))
    namespace: dict = {}
    exec(compile(converted.source, "nb", "exec"), namespace)
    assert namespace["big"] == pytest.approx(314.159, rel=1e-4)
    notes = [n.text("en") for n in converted.notes]
    assert notes == [
        "cell 2: magic `%matplotlib inline` left out (it runs only in Jupyter)",
        "cell 2: shell command `!pip install numpy` left out (it runs only in Jupyter)",
        "cell 2: shell command `files = !ls` left out (it runs only in Jupyter)",
        "cell 3: help line `math.sqrt?` left out",
        "cell 4: left out (marked to skip grading)",
        "cell 5: left out (marked to skip grading)",
        "cell 6: `%%bash` cell left out (it is not Python)",
        "cell 7: `%%time` line left out; the cell's code runs as written",
    ]
    assert converted.notes[0].text("es") == \
        "celda 2: comando mágico `%matplotlib inline` omitido (solo se ejecuta en Jupyter)"


def test_percent_and_bang_inside_strings_and_brackets_are_python_not_magics() -> None:
    converted = convert(notebook('text = """\n%d items\n!important\n"""\ny = (7\n     % 4)\nz = 1 \\\n    % 3'))
    assert converted.notes == ()
    namespace: dict = {}
    exec(converted.source, namespace)
    assert namespace["text"] == "\n%d items\n!important\n" and namespace["y"] == 3 and namespace["z"] == 1


def test_every_module_line_maps_back_to_its_cell_and_line() -> None:
    converted = convert(notebook(("markdown", "intro"), "import math", "%load_ext autoreload\n\ndef f():\n"
                                 "    return 1 / 0"))
    lines = converted.source.splitlines()
    where = {lines[n - 1]: converted.lines.where(n) for n in range(1, len(lines) + 1)}
    assert where["import math"] == (2, 1)
    assert where["    return 1 / 0"] == (3, 4)
    assert converted.lines.describe(len(lines), "es") == "celda 3, línea 4"


def test_future_imports_of_a_later_cell_move_to_the_top_keeping_their_place_in_messages() -> None:
    converted = convert(notebook("import math", "from __future__ import annotations\ndef f(x: Later) -> int:\n"
                                 "    return 1"))
    namespace: dict = {}
    exec(compile(converted.source, "nb", "exec"), namespace)  # no "must occur at the beginning" error
    assert converted.lines.where(1) == (2, 1)


def test_a_line_magic_timing_a_statement_keeps_the_statement() -> None:
    converted = convert(notebook("%time value = sum(range(5))"))
    namespace: dict = {}
    exec(converted.source, namespace)
    assert namespace["value"] == 10 and "`%time` left out" in converted.notes[0].text("en")


def test_tracebacks_and_syntax_errors_are_rewritten_as_cell_and_line() -> None:
    converted = convert(notebook("import math", "def f():\n    return 1 / 0"))
    text = 'init_state() raised ZeroDivisionError\n  File "adam.ipynb", line 3, in f\n    return 1 / 0'
    assert relocate(text, "adam.ipynb", converted.lines, "en") == \
        'init_state() raised ZeroDivisionError\n  File "adam.ipynb", cell 2, line 2, in f\n    return 1 / 0'
    assert relocate("adam.ipynb:2:5: SyntaxError: invalid syntax", "adam.ipynb", converted.lines, "es") == \
        "adam.ipynb, celda 2, línea 1, columna 5: SyntaxError: invalid syntax"
    # Another file's lines are not the notebook's
    assert relocate('File "other.py", line 3', "adam.ipynb", converted.lines, "en") == 'File "other.py", line 3'


def test_json_that_is_not_a_notebook_is_refused() -> None:
    with pytest.raises(NotebookError):
        convert(b'{"cells": 3}')
    with pytest.raises(NotebookError):
        convert(b"print('a .py file renamed')")
