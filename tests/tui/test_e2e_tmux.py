"""End to end in a real terminal: tmux runs `tutor start`, keys are typed, the screen is read back.

The learner opens the broadcasting exercise, writes the fix in the editor pane, saves with ctrl+s and sees the
pass. Skipped where tmux is not installed.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
pytestmark = [pytest.mark.skipif(TMUX is None, reason="tmux is not installed"),
              pytest.mark.slow]  # a real terminal and a cold start: seconds; `make test` runs it

FIX = [  # typed line by line: Enter keeps the indentation of the line above, as in any code editor
    "n = max(len(a), len(b)); a, b = (1,) * (n - len(a)) + tuple(a), (1,) * (n - len(b)) + tuple(b)",
    "if any(x != y and 1 not in (x, y) for x, y in zip(a, b)): raise ValueError(f'{a} vs {b}')",
    "return tuple(y if x == 1 else x for x, y in zip(a, b))",
]


class Terminal:
    def __init__(self, socket: str) -> None:
        self.base = [TMUX, "-L", socket, "-f", "/dev/null"]

    def run(self, *args: str) -> str:
        return subprocess.run(self.base + list(args), check=True, capture_output=True, text=True).stdout

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.run("send-keys", "-t", "tutor", *(["-l"] if literal else []), *keys)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "tutor")

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear in {timeout} s; the terminal shows:\n{self.screen()}")


def test_fix_the_exercise_in_the_editor_pane_and_pass(tmp_path):
    workspace = tmp_path / "ws"
    tutor = Path(sys.executable).parent / "tutor"
    term = Terminal(f"tutor-e2e-{os.getpid()}")
    env = {"LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8", "TERM": "xterm-256color"}
    # env -u: a COLUMNS/LINES inherited from the test runner would override the terminal's real size
    command = ("env -u COLUMNS -u LINES " + " ".join(f"{k}={v}" for k, v in env.items())
               + f" {tutor} start --workspace {workspace}")
    term.run("new-session", "-d", "-s", "tutor", "-x", "100", "-y", "30", command)
    try:
        # without a client attached tmux may fall back to 80x24: fix the size by hand
        term.run("set-option", "-g", "window-size", "manual")
        term.run("resize-window", "-t", "tutor", "-x", "100", "-y", "30")
        term.wait_for("Welcome to Tensor Tutor")  # the first run says what this is and which keys matter
        term.keys("Enter")
        term.wait_for("→ next:")
        deadline = time.monotonic() + 10
        while "Welcome to Tensor Tutor" in term.screen() and time.monotonic() < deadline:
            time.sleep(0.1)
        # the first lesson's quiz, then its first exercise: broadcasting
        term.keys("Down", "Down", "Enter")
        term.wait_for("Broadcast two shapes")
        term.wait_for("ctrl+b: to the editor")  # a first visit on a narrow terminal starts with the task
        term.keys("C-b")
        term.wait_for("11      raise NotImplementedError")
        time.sleep(0.5)  # the editor takes keys once it has been laid out
        # the starter's last line is `raise NotImplementedError`: select it and type the fix over it (from the
        # end, since a narrow editor wraps long lines and Down moves by screen rows)
        term.keys("PageDown", "PageDown", "PageDown", "Up", "End", "S-Home")
        time.sleep(1.0)  # let the cursor keys land before the text (they are escape sequences)
        for n, line in enumerate(FIX):
            if n:
                term.keys("Enter")
            term.keys(line, literal=True)
        term.wait_for("● unsaved")
        term.keys("C-s")
        screen = term.wait_for("✓ passed", timeout=60)
        assert "10/10 points" in screen
        source = (workspace / "01-tensors" / "broadcasting.py").read_text()
        assert FIX[-1] in source and "NotImplementedError" not in source
        term.keys("C-q")  # quits: the session (and the tmux server with it) ends
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and subprocess.run(term.base + ["has-session", "-t", "tutor"],
                                                              capture_output=True).returncode == 0:
            time.sleep(0.1)
        assert time.monotonic() < deadline, "ctrl+q did not quit the tutor"
    finally:
        subprocess.run(term.base + ["kill-server"], capture_output=True)
