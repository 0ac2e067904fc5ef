"""`tutor serve` in a real browser: Playwright drives the system Chromium (no browser download).

Two learners at once, each in their own workspace: their course maps look alike but for the name, a fix saved in
Alice's workspace is graded (watch mode, in the sandbox) in Alice's session only; a third learner finds the tutor
full; a wrong token is refused. Every request the pages make goes to the tutor's own address.
"""
from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from tests.web.server_process import ServeProcess

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
TOKENS = {"alice": "alice-token-000000001", "bob": "bob-token-0000000002", "carol": "carol-token-000000003"}
VIEW = {"width": 1000, "height": 640}
TITLE_PX = 24  # the title bar (one cell row at 16 px): it names the learner's workspace

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK), reason="chromium is not installed (apt-get install chromium)"),
]
playwright_api = pytest.importorskip("playwright.sync_api")
Image = pytest.importorskip("PIL.Image")


def _drawn(png: bytes) -> bool:
    """Text is on the screen: a blank terminal (cleared, the app still starting) has a colour or two."""
    colours = Image.open(io.BytesIO(png)).convert("RGB").getcolors(maxcolors=1 << 16)
    return colours is None or len(colours) > 8


def _settled(page, timeout: float = 180.0, title_unlike: bytes | None = None) -> bytes:
    """A screenshot once the tutor has drawn its screen and stopped changing (equal frames a second apart);
    with `title_unlike`, once the title bar is not that screenshot's (another screen is open)."""
    page.wait_for_selector("body.-first-byte", timeout=timeout * 1000)
    deadline = time.monotonic() + timeout
    last = page.screenshot()
    while time.monotonic() < deadline:
        time.sleep(1.0)
        shot = page.screenshot()
        steady = shot == last or _alike_but_the_cursor(shot, last)  # a blinking cursor is not a change
        if steady and _drawn(shot) and (title_unlike is None or _title(shot) != _title(title_unlike)):
            return shot
        last = shot
    raise AssertionError("the terminal kept changing, or stayed blank")


def _title(png: bytes) -> bytes:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return image.crop((0, 0, image.width, TITLE_PX)).tobytes()


def _below_title(png: bytes) -> bytes:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return image.crop((0, TITLE_PX, image.width, image.height)).tobytes()


def _alike_but_the_path(a: bytes, b: bytes) -> bool:
    """Equal screens below the title, but for one line of text (where each learner's own folder is named)."""
    from PIL import ImageChops

    below = [Image.open(io.BytesIO(_png)).convert("RGB") for _png in (a, b)]
    below = [im.crop((0, TITLE_PX, im.width, im.height)) for im in below]
    box = ImageChops.difference(*below).getbbox()
    return box is None or box[3] - box[1] <= 24


def _alike_but_the_cursor(a: bytes, b: bytes) -> bool:
    """Equal screens, but for at most one cell (the editor's blinking cursor)."""
    from PIL import ImageChops

    box = ImageChops.difference(Image.open(io.BytesIO(a)).convert("RGB"),
                                Image.open(io.BytesIO(b)).convert("RGB")).getbbox()
    return box is None or (box[2] - box[0] <= 12 and box[3] - box[1] <= 24)


def _attempts(workspace: Path) -> list[dict]:
    db = workspace / ".tutor" / "progress.sqlite3"
    if not db.exists():
        return []
    with sqlite3.connect(db, timeout=30) as conn:
        rows = conn.execute("SELECT exercise, status, result_json FROM attempts ORDER BY id").fetchall()
    return [{"exercise": e, "status": s, "result": json.loads(r) if r else {}} for e, s, r in rows]


def _wait(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"{what} did not happen in {timeout:.0f} s")


@pytest.fixture()
def served(tmp_path: Path):
    from tutor.grading.sandbox import bwrap_path

    tokens = tmp_path / "tokens.txt"
    tokens.write_text("".join(f"{n} {t}\n" for n, t in TOKENS.items()), encoding="utf-8")
    extra = [] if bwrap_path() else ["--allow-unsandboxed"]
    server = ServeProcess("--root", str(tmp_path / "class"), "--tokens", str(tokens), "--max-sessions", "2",
                          "--lang", "en", *extra)
    yield server, tmp_path / "class"
    server.stop()


def test_two_learners_at_once_each_in_their_own_workspace(served, tmp_path):
    from tutor.core.course import builtin_root
    from tutor.grading.sandbox import bwrap_path

    server, root = served
    from tutor.core.progress import ProgressStore

    for name in ("alice", "bob"):  # returning learners: the course map, not the first-run welcome
        (root / name / ".tutor").mkdir(parents=True, exist_ok=True)
        with ProgressStore(root / name / ".tutor" / "progress.sqlite3") as store:
            store.set_state("welcomed", "1")
    requested: list[str] = []
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            pages = {}
            for name in ("alice", "bob"):
                context = browser.new_context(viewport=VIEW)
                page = context.new_page()
                page.on("request", lambda request: requested.append(request.url))
                page.on("websocket", lambda ws: requested.append(ws.url))
                response = page.goto(f"{server.url}?token={TOKENS[name]}")
                assert response is not None and response.status == 200
                pages[name] = page
            shots = {name: _settled(page) for name, page in pages.items()}
            (tmp_path / "alice.png").write_bytes(shots["alice"])
            # The same fresh screen for both; only the lines that name the workspace's path differ (the title,
            # and the first-run welcome's "your files" line).
            assert shots["alice"] != shots["bob"]
            assert _alike_but_the_path(shots["alice"], shots["bob"])
            assert (root / "alice" / ".tutor").is_dir() and (root / "bob" / ".tutor").is_dir()

            # A third learner while two sessions are open: the tutor is full, nothing starts for her.
            carol = browser.new_context(viewport=VIEW).new_page()
            response = carol.goto(f"{server.url}?token={TOKENS['carol']}")
            assert response is not None and response.status == 503
            assert "full" in carol.inner_text("body")
            assert not (root / "carol").exists()

            # A wrong token: 403, no terminal, no session.
            stranger = browser.new_context(viewport=VIEW).new_page()
            response = stranger.goto(f"{server.url}?token=not-a-token-at-all")
            assert response is not None and response.status == 403
            assert stranger.query_selector("#terminal") is None

            # Both open the broadcasting exercise (watch mode is on); Alice's file gets the fix from outside.
            for page in pages.values():
                page.focus("textarea.xterm-helper-textarea")  # keys to the terminal; a click would pick a row
                for key in ("ArrowDown", "ArrowDown", "Enter"):
                    page.keyboard.press(key)
                    time.sleep(0.3)
            opened = {name: _settled(page, title_unlike=shots[name]) for name, page in pages.items()}
            before_bob = opened["bob"]
            assert _below_title(opened["alice"]) != _below_title(shots["alice"])  # the exercise is open
            solution = builtin_root() / "solutions" / "01-tensors" / "broadcasting.py"
            shutil.copyfile(solution, root / "alice" / "01-tensors" / "broadcasting.py")
            _wait(lambda: any(a["status"] == "passed" for a in _attempts(root / "alice")), 240,
                  "alice's watched save being graded")
            graded = _attempts(root / "alice")[-1]
            assert graded["exercise"] == "tensors/broadcasting"
            if bwrap_path():
                assert graded["result"]["sandbox"] == "bwrap"
            assert _attempts(root / "bob") == []
            time.sleep(2)  # the results panel redraws after the grade is recorded
            after_alice = _settled(pages["alice"])
            (tmp_path / "alice-passed.png").write_bytes(after_alice)
            assert after_alice != shots["alice"]
            after_bob = _settled(pages["bob"])
            (tmp_path / "bob-before.png").write_bytes(before_bob)
            (tmp_path / "bob-after.png").write_bytes(after_bob)
            assert _alike_but_the_cursor(after_bob, before_bob)  # nothing happened to Bob
        finally:
            browser.close()
    origin = server.url.rstrip("/").replace("http://", "")
    assert requested and all(url.split("://", 1)[1].startswith(origin + "/") for url in requested), requested
    server.wait_for_line(r"session \w+ of bob ended")
