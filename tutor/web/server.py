"""`tutor serve`: each browser tab runs its own `tutor start` process, attached through textual-serve's AppService.

    GET /?token=T      the learner's page (403 and nothing started for a missing or wrong token). It holds a
                       one-use ticket: the websocket URL is /ws/<ticket>, so the token is not sent twice and a
                       ticket read from the page cannot open a second session later.
    GET /ws/<ticket>   starts `tutor --workspace ROOT/<name> start` with textual's web driver and relays it.
    GET /static/...    textual-serve's xterm.js bundle, its CSS and the Roboto Mono font, from the installed
                       package: the page asks nothing of any other host (and its Content-Security-Policy says so).

One session per learner (a new tab ends the older one, so two editors never fight over one file), at most
--max-sessions at once, and a session without input for --idle-minutes ends. Grading runs in each tutor
process's own Grader, in the sandbox, as it does in a terminal.
"""
from __future__ import annotations

import asyncio
import ipaddress
import secrets
import shlex
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from tutor.core.i18n import pick
from tutor.web.page import forbidden_page, full_page, terminal_page
from tutor.web.tokens import Tokens

TICKET_TTL_S = 120.0
STOP_GRACE_S = 10.0
CSP = ("default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; font-src 'self'; "
       "img-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; base-uri 'none'; form-action 'none'; "
       "frame-ancestors 'none'")


def static_folder() -> Path:
    """textual-serve's static files (js/textual.js, css/xterm.css, fonts/RobotoMono-*.ttf, images)."""
    import textual_serve

    return Path(textual_serve.__file__).resolve().parent / "static"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class ServeConfig:
    root: Path
    tokens: Tokens | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    max_sessions: int = 20
    idle_s: float = 30 * 60.0
    lang: str = "en"
    course_dirs: tuple[str, ...] = ()
    python: str = sys.executable

    def workspace(self, learner: str | None) -> Path:
        return self.root if learner is None else self.root / learner


@dataclass
class Session:
    learner: str | None
    service: Any  # textual_serve.app_service.AppService
    websocket: Any  # aiohttp.web.WebSocketResponse
    started: float = field(default_factory=time.monotonic)
    last_input: float = field(default_factory=time.monotonic)
    ended_because: str = ""


class TutorServer:
    def __init__(self, config: ServeConfig, log: Callable[[str], None] | None = None) -> None:
        self.config = config
        self.sessions: dict[str, Session] = {}
        self._tickets: dict[str, tuple[str | None, str, float]] = {}  # ticket -> learner, lang, expiry
        self._log = log or (lambda line: print(line, flush=True))

    # --- the command each session runs --------------------------------------------------------------------------
    def command(self, learner: str | None, lang: str) -> str:
        """The shell line AppService runs: in the served root (hidden from graded code with the other learners'
        folders, even without bubblewrap), the learner's own workspace."""
        c = self.config
        argv = [c.python, "-m", "tutor.cli", "--lang", lang, "--workspace", str(c.workspace(learner))]
        for course in c.course_dirs:
            argv += ["--course", course]
        argv.append("start")
        return f"cd {shlex.quote(str(c.root))} && exec {shlex.join(argv)}"

    # --- the web application ------------------------------------------------------------------------------------
    def make_app(self) -> Any:
        from aiohttp import web

        @web.middleware
        async def headers(request: web.Request, handler: Callable) -> web.StreamResponse:
            try:
                response = await handler(request)
            except web.HTTPException as exc:
                response = exc
            if not isinstance(response, web.WebSocketResponse):
                response.headers.setdefault("Content-Security-Policy", CSP)
                response.headers.setdefault("Referrer-Policy", "no-referrer")  # the token stays out of referrers
                response.headers.setdefault("X-Content-Type-Options", "nosniff")
                if not request.path.startswith("/static/"):
                    response.headers.setdefault("Cache-Control", "no-store")
            return response

        app = web.Application(middlewares=[headers])
        async def no_icon(request: web.Request) -> web.Response:
            return web.Response(status=204)  # browsers ask; an empty answer keeps their console quiet

        app.add_routes([web.get("/", self.handle_index), web.get("/ws/{ticket}", self.handle_websocket),
                        web.get("/favicon.ico", no_icon),
                        web.static("/static", static_folder(), show_index=False, follow_symlinks=False)])
        app.on_startup.append(self._start_reaper)
        app.on_shutdown.append(self._end_all)
        return app

    def _lang(self, request: Any) -> str:
        lang = request.query.get("lang", "")
        return lang if lang in ("en", "es") else self.config.lang

    def _learner(self, request: Any) -> tuple[bool, str | None]:
        """(allowed, learner): without a tokens file everyone is the one learner (None)."""
        if self.config.tokens is None:
            return True, None
        learner = self.config.tokens.learner(request.query.get("token"))
        return learner is not None, learner

    def _others(self, learner: str | None) -> int:
        return sum(1 for s in self.sessions.values() if s.learner != learner)

    async def handle_index(self, request: Any) -> Any:
        from aiohttp import web

        lang = self._lang(request)
        allowed, learner = self._learner(request)
        if not allowed:
            self._log(f"refused {request.remote}: {'wrong' if request.query.get('token') else 'no'} token")
            return web.Response(status=403, text=forbidden_page(lang), content_type="text/html")
        if self._others(learner) >= self.config.max_sessions:
            return web.Response(status=503, text=full_page(lang, self.config.max_sessions), content_type="text/html")
        now = time.monotonic()
        self._tickets = {k: v for k, v in self._tickets.items() if v[2] > now}
        ticket = secrets.token_urlsafe(24)
        self._tickets[ticket] = (learner, lang, now + TICKET_TTL_S)
        try:
            font_size = min(max(int(request.query.get("fontsize", "16")), 8), 32)
        except ValueError:
            font_size = 16
        scheme = "wss" if request.secure else "ws"
        page = terminal_page(f"{scheme}://{request.host}/ws/{ticket}", lang, learner, font_size)
        return web.Response(text=page, content_type="text/html")

    async def handle_websocket(self, request: Any) -> Any:
        from aiohttp import WSMsgType, web
        from textual_serve.app_service import AppService
        from textual_serve.download_manager import DownloadManager

        entry = self._tickets.pop(request.match_info["ticket"], None)
        if entry is None or entry[2] < time.monotonic():
            raise web.HTTPForbidden(text="unknown or used ticket: open the page again")
        learner, lang, _ = entry
        if self._others(learner) >= self.config.max_sessions:
            raise web.HTTPServiceUnavailable(text=full_page(lang, self.config.max_sessions), content_type="text/html")
        for sid, older in list(self.sessions.items()):
            if older.learner == learner:  # one tab per learner: the newest wins
                older.ended_because = "opened in another tab"
                await older.websocket.close()
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        width = _int(request.query.get("width"), 80, 20, 400)
        height = _int(request.query.get("height"), 24, 10, 200)
        service = AppService(self.command(learner, lang), write_bytes=websocket.send_bytes,
                             write_str=websocket.send_str, close=websocket.close,
                             download_manager=DownloadManager())
        sid = service.app_service_id
        session = Session(learner, service, websocket)
        self.sessions[sid] = session
        self._log(f"session {sid[:8]} started for {learner or 'the learner'} ({len(self.sessions)} open)")
        try:
            await service.start(width, height)
            async for message in websocket:
                if message.type != WSMsgType.TEXT:
                    continue
                try:
                    kind, data = message.json()
                except (ValueError, TypeError):
                    continue
                if kind == "stdin" and isinstance(data, str):
                    session.last_input = time.monotonic()
                    await service.send_bytes(data.encode("utf-8"))
                elif kind == "resize" and isinstance(data, dict):
                    session.last_input = time.monotonic()
                    await service.set_terminal_size(_int(data.get("width"), 80, 20, 400),
                                                    _int(data.get("height"), 24, 10, 200))
                elif kind == "ping":
                    await websocket.send_json(["pong", data])  # keep-alive: not the learner's activity
                elif kind == "blur":
                    await service.blur()
                elif kind == "focus":
                    session.last_input = time.monotonic()
                    await service.focus()
        finally:
            self.sessions.pop(sid, None)
            await _stop(service)
            if not websocket.closed:
                await websocket.close()
            self._log(f"session {sid[:8]} of {learner or 'the learner'} ended"
                      f"{' (' + session.ended_because + ')' if session.ended_because else ''}"
                      f" ({len(self.sessions)} open)")
        return websocket

    # --- idle sessions and shutdown ------------------------------------------------------------------------------
    async def _start_reaper(self, app: Any) -> None:
        app["reaper"] = asyncio.create_task(self._reap_idle())

    async def _reap_idle(self) -> None:
        period = max(0.5, min(30.0, self.config.idle_s / 4))
        while True:
            await asyncio.sleep(period)
            now = time.monotonic()
            for session in list(self.sessions.values()):
                if now - session.last_input > self.config.idle_s:
                    session.ended_because = "idle"
                    await session.websocket.close()

    async def _end_all(self, app: Any) -> None:
        reaper = app.get("reaper")
        if reaper is not None:
            reaper.cancel()
        for session in list(self.sessions.values()):
            session.ended_because = "server stopping"
            await session.websocket.close()
            await _stop(session.service)


def _int(value: Any, default: int, low: int, high: int) -> int:
    try:
        return min(max(int(value), low), high)
    except (TypeError, ValueError):
        return default


async def _stop(service: Any) -> None:
    """Ask the tutor process to quit; a process that does not within the grace time is killed."""
    try:
        await asyncio.wait_for(service.stop(), STOP_GRACE_S)
    except Exception:
        pass
    process = getattr(service, "_process", None)
    if process is not None and process.returncode is None:
        try:
            process.kill()
            await asyncio.wait_for(process.wait(), STOP_GRACE_S)
        except (ProcessLookupError, asyncio.TimeoutError):
            pass


def serve(config: ServeConfig) -> int:
    """Run until SIGINT/SIGTERM; prints the address (with the real port when --port 0) as its first line."""
    return asyncio.run(_serve(config))


async def _serve(config: ServeConfig) -> int:
    from aiohttp import web

    server = TutorServer(config)
    runner = web.AppRunner(server.make_app(), handle_signals=False, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, config.host, config.port)
    await site.start()
    sockets = getattr(getattr(site, "_server", None), "sockets", None) or []
    port = sockets[0].getsockname()[1] if sockets else config.port
    shown_host = f"[{config.host}]" if ":" in config.host else config.host
    url = f"http://{shown_host}:{port}/"
    lang = config.lang
    print(pick(lang, f"tutor: serving on {url}", f"tutor: sirviendo en {url}"), flush=True)
    if config.tokens is not None:
        print(pick(lang, f"{len(config.tokens.by_name)} learners; each opens {url}?token=THEIR_TOKEN and works in "
                         f"{config.root}/<name>",
                   f"{len(config.tokens.by_name)} alumnos; cada uno abre {url}?token=SU_TOKEN y trabaja en "
                   f"{config.root}/<nombre>"), flush=True)
    else:
        print(pick(lang, f"workspace {config.root}; press Ctrl+C to stop",
                   f"espacio de trabajo {config.root}; pulsa Ctrl+C para detener"), flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):
            pass
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
    return 0
