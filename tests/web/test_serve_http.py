"""`tutor serve` over plain HTTP: who gets a page, who gets 403, what the page asks for, and the limits.

No browser here; tests/web/test_serve_browser.py drives Chromium.
"""
from __future__ import annotations

import asyncio
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.web.server_process import ROOT, ServeProcess
from tutor.web.server import ServeConfig, Session, TutorServer

ALICE, BOB = "alice-token-000000001", "bob-token-0000000002"


def _get(url: str) -> tuple[int, dict[str, str], str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode("utf-8", "replace")


@pytest.fixture()
def served(tmp_path: Path):
    tokens = tmp_path / "tokens.txt"
    tokens.write_text(f"alice {ALICE}\nbob {BOB}\n", encoding="utf-8")
    server = ServeProcess("--root", str(tmp_path / "class"), "--tokens", str(tokens), "--allow-unsandboxed")
    yield server, tmp_path / "class"
    server.stop()


def test_a_missing_or_wrong_token_gets_403_and_starts_nothing(served):
    server, root = served
    for query in ("", "?token=", "?token=wrong-token-000000", f"?token={ALICE}x", "?token=alice"):
        status, _, body = _get(server.url + query)
        assert status == 403, query
        assert "token" in body and "/ws/" not in body
    status, _, _ = _get(server.url + "ws/made-up-ticket")
    assert status == 403
    assert not any("session" in line for line in server.lines)
    assert not root.exists() or list(root.iterdir()) == []  # no workspace was made for anyone


def test_a_learner_page_asks_only_this_server_and_carries_a_one_use_ticket(served):
    server, _ = served
    status, headers, page = _get(server.url + f"?token={ALICE}&lang=es")
    assert status == 200
    assert "alice" in page and 'lang="es"' in page and "Iniciando" in page
    assert ALICE not in page  # the websocket URL holds a ticket, not the token
    urls = re.findall(r'(?:href|src)="([^"]+)"', page) + re.findall(r'url\("([^"]+)"\)', page)
    assert urls and all(u.startswith("/static/") for u in urls), urls
    assert "googleapis" not in page
    ws = re.search(r'data-session-websocket-url="ws://127\.0\.0\.1:\d+(/ws/[^"]+)"', page)
    assert ws is not None
    for asset in urls:  # every asset the page names is served here, from the installed package
        status, _, _ = _get(server.url.rstrip("/") + asset)
        assert status == 200, asset
    csp = headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp
    assert headers["Referrer-Policy"] == "no-referrer"


def test_serving_beyond_this_machine_needs_tokens(tmp_path):
    done = subprocess.run([sys.executable, "-m", "tutor.cli", "serve", "--root", str(tmp_path / "me"),
                           "--host", "0.0.0.0", "--port", "0"], capture_output=True, text=True, timeout=60,
                          cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    assert done.returncode == 2
    assert "--tokens" in done.stderr
    assert not (tmp_path / "me").exists()


def test_a_bad_tokens_file_serves_nothing(tmp_path):
    tokens = tmp_path / "tokens.txt"
    tokens.write_text("alice short\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "tutor.cli", "serve", "--root", str(tmp_path / "class"),
                           "--tokens", str(tokens), "--port", "0"], capture_output=True, text=True, timeout=60,
                          cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    assert done.returncode == 2 and "tokens.txt:1" in done.stderr


def test_each_learner_runs_in_their_own_workspace(tmp_path):
    from tutor.web.tokens import parse_tokens

    config = ServeConfig(root=tmp_path, tokens=parse_tokens(f"alice {ALICE}\nbob {BOB}\n"), course_dirs=("/c 1",))
    server = TutorServer(config)
    alice, bob = server.command("alice", "es"), server.command("bob", "en")
    assert f"--workspace {tmp_path / 'alice'}" in alice and "--lang es" in alice
    assert f"--workspace {tmp_path / 'bob'}" in bob
    assert "--course '/c 1'" in alice  # quoted for the shell
    assert alice.startswith(f"cd {tmp_path} && exec ")


class _FakeSocket:
    def __init__(self) -> None:
        self.closed = False

    async def close(self) -> None:
        self.closed = True


def test_a_session_without_input_ends_and_an_active_one_stays(tmp_path):
    server = TutorServer(ServeConfig(root=tmp_path, idle_s=0.3), log=lambda line: None)

    async def scenario() -> tuple[Session, Session]:
        idle = Session("alice", None, _FakeSocket())
        active = Session("bob", None, _FakeSocket())
        server.sessions = {"a": idle, "b": active}
        reaper = asyncio.create_task(server._reap_idle())
        for _ in range(20):  # bob types every 0.1 s for 2 s
            await asyncio.sleep(0.1)
            active.last_input = time.monotonic()
        reaper.cancel()
        return idle, active

    idle, active = asyncio.run(scenario())
    assert idle.websocket.closed and idle.ended_because == "idle"
    assert not active.websocket.closed
