"""The first screen must be quick: starting the app imports only what the course map needs."""
from __future__ import annotations

import subprocess
import sys


def test_the_app_module_imports_nothing_heavy():
    code = ("import sys, tutor.tui.app; "
            "print(' '.join(m for m in ('tensorflow', 'keras', 'numpy', 'textual_plotext', 'watchfiles', "
            "'textual.widgets._markdown', 'textual.widgets._text_area', 'tutor.grading.engine', 'sympy') "
            "if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []
