"""Classes 2 and 3: the trusted side opens nothing the submission controls, and waits and reads within bounds."""
from __future__ import annotations

import json
import socket
import struct
import time
from pathlib import Path

import pytest

from tests.security.hostile import GOOD, SOLUTION, run, with_probe
from tutor.grading import protocol

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


def _npy(descr: str, shape: str, payload: bytes = b"") -> bytes:
    header = f"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}"
    header += " " * (-(len(header) + 11) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + payload


@pytest.mark.parametrize(("descr", "shape", "payload"), [
    ("|S0", "(1000000000000000000,)", b""),  # 10**18 elements of zero bytes: any comparison would loop over them
    ("<U999999999", "(0,)", b""),  # a dtype numpy refuses
    ("<f8", "(3,)", b"\0" * 16),  # a shape the bytes do not fill
    ("<f8", "(1000000000000000000, 1000000000000000000, 0)", b""),
])
def test_an_array_header_the_worker_forged_is_refused(descr: str, shape: str, payload: bytes) -> None:
    a, b = socket.socketpair()
    header = json.dumps({"ok": {"__ndarray__": 0}, "arrays": 1}).encode()
    frame = _npy(descr, shape, payload)
    a.sendall(struct.pack("!Q", len(header)) + header + struct.pack("!Q", len(frame)) + frame)
    with pytest.raises(protocol.ProtocolError, match="unreadable array"):
        protocol.recv(b)


def test_a_forged_reply_with_a_zero_byte_array_gets_a_verdict(mode: str, tmp_path: Path) -> None:
    source = GOOD.replace("return 2 * x", "return forge()") + RAW_SOCKET + f"""
import json, struct
FRAME = {_npy("|S0", "(1000000000000000000,)")!r}
def forge():
    s = grader_socket()
    header = json.dumps({{"ok": {{"__ndarray__": 0}}, "arrays": 1}}).encode()
    s.sendall(struct.pack("!Q", len(header)) + header + struct.pack("!Q", len(FRAME)) + FRAME)
    time.sleep(30)
"""
    result = run(source, tmp_path / "ws")
    assert result.status != "passed"
    assert "unreadable array" in result.checks[0].message and "zero bytes" in result.checks[0].message
    assert run(GOOD, tmp_path / "ws2").status == "passed"
