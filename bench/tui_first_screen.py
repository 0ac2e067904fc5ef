"""Time to the TUI's first screen, against the floor `python -c "import textual"` (median of several runs).

The tutor runs in a pseudo-terminal of 100x30, as a learner would start it (`tutor start --workspace TMP`); the
time is from spawning the process to the course map's title appearing in what it writes to the terminal.
Run: .venv/bin/python bench/tui_first_screen.py [--runs 7]
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
MARKER = "course map".encode()  # in the title bar of the first screen (English)
BUDGET_S = 0.5  # DESIGN.md: the TUI's first screen in half a second


def first_screen_s(workspace: Path, timeout_s: float = 30.0) -> float:
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # child: the tutor, in a 100x30 terminal
        env = dict(os.environ, TERM="xterm-256color", LANG="en_US.UTF-8", LC_ALL="en_US.UTF-8")
        env.pop("TUTOR_COURSE", None)
        os.execve(str(BIN / "tutor"), [str(BIN / "tutor"), "start", "--workspace", str(workspace)], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    seen = b""
    elapsed = float("nan")
    try:
        while time.perf_counter() - started < timeout_s:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if MARKER in seen:
                elapsed = time.perf_counter() - started
                break
    finally:
        try:
            os.write(fd, b"\x11")  # ctrl+q
            deadline = time.perf_counter() + 10
            while time.perf_counter() < deadline:
                done, _ = os.waitpid(pid, os.WNOHANG)
                if done:
                    break
                try:
                    select.select([fd], [], [], 0.05)
                    os.read(fd, 65536)
                except OSError:
                    pass
            else:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
        finally:
            os.close(fd)
    return elapsed


def floor_s() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import textual"], check=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="tutor-bench-"))
    try:
        workspace = root / "ws"
        subprocess.run([str(BIN / "tutor"), "init", "--workspace", str(workspace)], check=True,
                       stdout=subprocess.DEVNULL)
        first_screen_s(workspace)  # warm the file cache and the .pyc files
        floors = [floor_s() for _ in range(args.runs)]
        screens = [first_screen_s(workspace) for _ in range(args.runs)]
    finally:
        shutil.rmtree(root, ignore_errors=True)
    floor, screen = statistics.median(floors), statistics.median(screens)
    print(f"floor  python -c 'import textual'   median {floor:.3f} s  (runs: {', '.join(f'{x:.3f}' for x in floors)})")
    print(f"tutor start: first screen          median {screen:.3f} s  (runs: {', '.join(f'{x:.3f}' for x in screens)})")
    print(f"budget {BUDGET_S:.1f} s: {'ok' if screen <= BUDGET_S else 'OVER'}; {screen / floor:.1f}x the floor")
    return 0 if screen <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
