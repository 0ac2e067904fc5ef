"""Class 7: without bubblewrap the tutor closes what an unprivileged process can, and says what it cannot."""
from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import pytest

from tests.security.hostile import run, with_probe


@pytest.fixture
def secret_env(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TUTOR_TEST_SECRET", "s3cr3t-token")
    return "s3cr3t-token"


def test_the_submission_gets_a_scrubbed_environment(mode: str, secret_env: str, tmp_path: Path) -> None:
    result = run(with_probe("import os\nreturn sorted(os.environ)"), tmp_path / "ws")
    assert "TUTOR_TEST_SECRET" not in result.metrics["probe"]


def test_the_tutors_own_environment_and_life_are_out_of_reach(mode: str, secret_env: str, tmp_path: Path) -> None:
    me = os.getpid()
    probe = f"""
import os, signal
out = {{}}
try:
    out['environ'] = 's3cr3t' in open('/proc/{me}/environ', 'rb').read().decode(errors='replace')
except OSError as exc:
    out['environ'] = type(exc).__name__
try:
    os.kill({me}, 0)
    out['signal'] = 'reachable'
except OSError as exc:
    out['signal'] = type(exc).__name__
return repr(out)
"""
    result = run(with_probe(probe), tmp_path / "ws")
    seen = eval(result.metrics["probe"])
    if result.sandbox == "none":
        pytest.skip("process limits only: the tutor's pid is reachable, and the result says sandbox none")
    assert seen["environ"] in ("FileNotFoundError", "PermissionError"), seen
    assert seen["signal"] == "ProcessLookupError", seen


def test_no_connection_to_a_local_port(mode: str, tmp_path: Path) -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(3)
    port = server.getsockname()[1]
    accepted: list = []

    def accept() -> None:
        try:
            accepted.append(server.accept())
        except OSError:
            pass

    threading.Thread(target=accept, daemon=True).start()
    probe = f"""
import socket
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=1)
except OSError as exc:
    return type(exc).__name__
return "connected"
"""
    result = run(with_probe(probe), tmp_path / "ws")
    server.close()
    if result.sandbox == "none":
        assert result.metrics["probe"] == "connected"  # not stopped, and the result says so
        return
    assert result.metrics["probe"] != "connected" and not accepted


def test_the_progress_store_and_workspace_are_out_of_reach(mode: str, tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    (ws / ".tutor").mkdir(parents=True)
    store = ws / ".tutor" / "progress.sqlite3"
    store.write_bytes(b"")
    probe = f"""
out = []
for p in [{str(store)!r}, {str(ws / 'other.py')!r}]:
    try:
        open(p, 'ab').write(b'forged')
        out.append('wrote')
    except OSError as exc:
        out.append(type(exc).__name__)
return out
"""
    result = run(with_probe(probe), ws)
    if result.sandbox == "none":
        assert result.sandbox == "none"
        return
    assert "wrote" not in result.metrics["probe"]
    assert store.read_bytes() == b"" and not (ws / "other.py").exists()


def test_killing_everything_it_can_does_not_cost_the_verdict(mode: str, tmp_path: Path) -> None:
    probe = """
import os, signal
if os.getpid() > 2:
    return 'not in its own pid namespace'  # never spray signals over the machine running the tests
for pid in range(2, 4096):
    if pid != os.getpid():
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
return 'done'
"""
    if mode == "none":
        pytest.skip("process limits only: a same-user process can kill the tutor; the result says sandbox none")
    result = run(with_probe(probe), tmp_path / "ws")
    assert result.status == "passed" and result.metrics["probe"] == "done"
    assert run(with_probe("return 'again'"), tmp_path / "ws2").metrics["probe"] == "again"
