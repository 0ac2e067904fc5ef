"""A newcomer's first steps at 80x24, each timed from the key press to what the learner waits for.

In a pseudo-terminal of 80x24, on a workspace that does not exist yet (the first run), as `make start` runs it:
  first run     spawn `tutor start` -> the welcome drawn
  map           enter on the welcome -> the course map's "next" line
  lesson frame  n (the next thing: lesson 1) -> the lesson screen drawn ("Loading the lesson…" or its text)
  lesson text   n -> the lesson's first paragraph
  quiz          n at the lesson -> the first question's counter ("Question 1 of")
and `tutor data` as a whole command. Floors from the same run: `python -c pass` and `python -c "import textual"`.
Medians of --runs runs (default 3), each on a fresh workspace. Run: .venv/bin/python bench/first_steps.py
"""
from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

BIN = Path(sys.executable).parent


class Terminal:
    """`tutor start` in an 80x24 pseudo-terminal; `wait` reads its output until a text appears."""

    def __init__(self, workspace: Path) -> None:
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # child: the tutor
            env = dict(os.environ, TERM="xterm-256color", LANG="en_US.UTF-8", LC_ALL="en_US.UTF-8")
            env.pop("TUTOR_COURSE", None)
            os.execve(str(BIN / "tutor"), [str(BIN / "tutor"), "start", "--workspace", str(workspace)], env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.seen = b""

    def press(self, key: bytes) -> float:
        self.seen = b""
        os.write(self.fd, key)
        return time.perf_counter()

    def wait(self, text: str | tuple[str, ...], since: float, timeout_s: float = 60.0) -> float:
        markers = [t.encode() for t in ((text,) if isinstance(text, str) else text)]
        while time.perf_counter() - since < timeout_s:
            if any(marker in self.seen for marker in markers):
                return time.perf_counter() - since
            ready, _, _ = select.select([self.fd], [], [], 0.02)
            if ready:
                try:
                    self.seen += os.read(self.fd, 65536)
                except OSError:
                    break
        raise RuntimeError(f"{text!r} did not appear within {timeout_s} s")

    def close(self) -> None:
        try:
            os.write(self.fd, b"\x11")  # ctrl+q
            deadline = time.perf_counter() + 10
            while time.perf_counter() < deadline and os.waitpid(self.pid, os.WNOHANG) == (0, 0):
                try:
                    select.select([self.fd], [], [], 0.05)
                    os.read(self.fd, 65536)
                except OSError:
                    pass
            else:
                if time.perf_counter() >= deadline:
                    os.kill(self.pid, 9)
                    os.waitpid(self.pid, 0)
        finally:
            os.close(self.fd)


def one_walk(root: Path) -> dict[str, float]:
    term = Terminal(root / "ws")
    out: dict[str, float] = {}
    try:
        # an older tutor (for a before/after run: PYTHONPATH=OTHER_CHECKOUT) has no welcome: the map comes first
        out["first run: welcome drawn"] = term.wait(("Welcome to Tensor Tutor", "next:"), term.started)
        if b"Welcome to Tensor Tutor" in term.seen:
            time.sleep(0.5)
            out["welcome -> course map"] = term.wait("next:", term.press(b"\r"))
        time.sleep(0.5)
        pressed = term.press(b"n")
        # the screen's first frame: "Loading the lesson…" (or, on a fast machine, already its text)
        out["n -> lesson screen drawn"] = term.wait(("Loading the lesson", "multi-dimensional"), pressed)
        out["n -> lesson text shown"] = term.wait("multi-dimensional", pressed)
        time.sleep(0.5)
        out["n at the lesson -> quiz question"] = term.wait("Question 1 of", term.press(b"n"))
    finally:
        term.close()
    return out


def command_s(args: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(args, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    walks: list[dict[str, float]] = []
    base = Path(tempfile.mkdtemp(prefix="tutor-bench-"))
    try:
        one_walk(base / "warm-up")  # .pyc files and the file cache, as after `make start` has run once
        floors = {"python -c pass": [], "python -c 'import textual'": []}
        data = []
        for n in range(args.runs):
            floors["python -c pass"].append(command_s([sys.executable, "-c", "pass"], base))
            floors["python -c 'import textual'"].append(command_s([sys.executable, "-c", "import textual"], base))
            walks.append(one_walk(base / f"run{n}"))
            data.append(command_s([str(BIN / "tutor"), "data"], base))
    finally:
        shutil.rmtree(base, ignore_errors=True)
    try:
        load = f"load average {os.getloadavg()[0]:.2f}"
    except OSError:
        load = ""
    print(f"first steps at 80x24, median of {args.runs} runs ({os.cpu_count()} CPUs, {load})")
    for name, runs in floors.items():
        print(f"  floor  {name:<34} {statistics.median(runs):6.3f} s")
    for name in walks[0]:
        runs = [w[name] for w in walks if name in w]
        print(f"  {name:<41} {statistics.median(runs):6.3f} s   (runs: {', '.join(f'{x:.2f}' for x in runs)})")
    print(f"  {'tutor data (whole command)':<41} {statistics.median(data):6.3f} s   "
          f"(runs: {', '.join(f'{x:.2f}' for x in data)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
