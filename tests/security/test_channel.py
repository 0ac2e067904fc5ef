"""Classes 2 and 3: the trusted side opens nothing the submission controls, and waits and reads within bounds."""
from __future__ import annotations

import time
from pathlib import Path

from tests.security.hostile import GOOD, SOLUTION, run, with_probe

# Finds the worker's end of the grader's socket, as a hostile file would, and writes raw bytes on it.
RAW_SOCKET = """
import os, socket, stat, time
def grader_socket():
    for fd in range(3, 64):
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                s = socket.socket(fileno=os.dup(fd))
                if s.family == socket.AF_UNIX and s.getpeername():
                    return s
        except OSError:
            pass
"""


def test_a_link_named_like_the_output_does_not_leak_the_reference(mode: str, tmp_path: Path) -> None:
    probe = f"""
import os
for name in ('output.txt', 'stdout.txt', 'results.json', 'grader.log'):
    try:
        os.symlink({str(SOLUTION)!r}, name)
    except OSError:
        pass
return 'linked'
"""
    result = run(with_probe(probe), tmp_path / "ws")
    assert result.status == "passed"
    reference_text = SOLUTION.read_text()
    assert "def double" not in result.stdout and reference_text not in result.stdout


def test_output_travels_on_the_channel(tmp_path: Path) -> None:
    result = run(GOOD.replace("return 2 * x", "print('seen by the grader')\n    return 2 * x"), tmp_path / "ws")
    assert result.status == "passed" and "seen by the grader" in result.stdout


def test_a_frame_trickled_byte_by_byte_ends_at_the_deadline(mode: str, tmp_path: Path) -> None:
    source = GOOD.replace("return 2 * x", "return trickle()") + RAW_SOCKET + """
def trickle():
    s = grader_socket()
    for b in (b'\\x00' * 7 + b'\\x10') * 100:
        s.send(bytes([b]))
        time.sleep(0.5)
"""
    started = time.monotonic()
    result = run(source, tmp_path / "ws")
    took = time.monotonic() - started
    assert result.status == "timeout", (result.status, result.message)
    assert "time limit of 4 s" in result.message
    assert took < 60  # the exercise's 4 s plus start-up, never the 400 s the trickle would take
    again = run(GOOD, tmp_path / "ws2")
    assert again.status == "passed"


def test_a_frame_announcing_a_gibibyte_is_refused_at_once(mode: str, tmp_path: Path) -> None:
    source = GOOD.replace("return 2 * x", "return huge()") + RAW_SOCKET + """
def huge():
    s = grader_socket()
    s.sendall((1 << 30).to_bytes(8, 'big'))
    time.sleep(30)
"""
    result = run(source, tmp_path / "ws")
    assert result.status == "crashed", (result.status, result.message)
    assert result.message.startswith("output too large") and "1024 MiB" in result.message


def test_a_returned_value_past_the_frame_cap_is_output_too_large(tmp_path: Path) -> None:
    source = GOOD.replace("return 2 * x", "return np.zeros(9_000_000)")  # 72 MB, under the 400 MiB memory limit
    result = run(source, tmp_path / "ws")
    assert result.status == "crashed" and result.message.startswith("output too large"), result.message
    assert run(GOOD, tmp_path / "ws2").status == "passed"
