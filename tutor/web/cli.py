"""`tutor serve --root DIR [--tokens FILE] [--host H] [--port P] [--max-sessions N]`: the tutor in a browser.

Exit codes: 0 stopped with Ctrl+C, 2 bad input (nothing is served).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tutor.core.i18n import default_lang, pick

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser, lang: str = "en") -> None:
    s = sub.add_parser("serve", parents=[common], help=pick(
        lang, "instructors: serve the tutor to browsers (one workspace per learner with --tokens)",
        "docentes: servir el tutor a navegadores (un espacio de trabajo por alumno con --tokens)"))
    s.add_argument("--root", required=True, metavar="DIR",
                   help="the learner's workspace; with --tokens, the folder holding one workspace per learner")
    s.add_argument("--tokens", metavar="FILE", help="lines `name token`: each learner opens /?token=TOKEN")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1; another "
                                                       "address needs --tokens)")
    s.add_argument("--port", type=int, default=8000, help="0 picks a free port (printed)")
    s.add_argument("--max-sessions", type=int, default=20, metavar="N", help="browser sessions open at once")
    s.add_argument("--idle-minutes", type=float, default=30.0, metavar="M",
                   help="a session without input for this long ends (default 30)")
    s.add_argument("--allow-unsandboxed", action="store_true",
                   help="serve even without a working bubblewrap (learners' code then runs with process limits "
                        "only)")


def cli_serve(args: argparse.Namespace) -> int:
    lang = getattr(args, "lang", None) or default_lang()
    try:
        config = _config(args, lang)
    except ValueError as exc:
        print(f"tutor: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    from tutor.web.server import serve

    try:
        return serve(config)
    except OSError as exc:  # the port is taken, the address is not ours
        print(f"tutor: {config.host}:{config.port}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _config(args: argparse.Namespace, lang: str):  # -> ServeConfig
    from tutor.web.server import ServeConfig, is_loopback
    from tutor.web.tokens import TokensError, read_tokens

    try:
        import textual_serve  # noqa: F401
        import aiohttp  # noqa: F401
    except ImportError:
        raise ValueError(pick(lang, "tutor serve needs textual-serve: pip install textual-serve",
                              "tutor serve necesita textual-serve: pip install textual-serve")) from None
    tokens = None
    if args.tokens:
        try:
            tokens = read_tokens(Path(args.tokens))
        except TokensError as exc:
            raise ValueError(str(exc)) from None
    elif not is_loopback(args.host):
        raise ValueError(pick(lang, f"--host {args.host} without --tokens would let anyone on the network into "
                                    "your workspace; pass --tokens FILE (lines `name token`) or serve on 127.0.0.1",
                              f"--host {args.host} sin --tokens dejaría entrar a cualquiera de la red en tu espacio "
                              "de trabajo; pasa --tokens ARCHIVO (líneas `nombre token`) o sirve en 127.0.0.1"))
    if args.max_sessions < 1:
        raise ValueError("--max-sessions must be at least 1")
    if not 0 <= args.port < 65536:
        raise ValueError(f"--port {args.port}: use 0..65535")
    if args.idle_minutes <= 0:
        raise ValueError("--idle-minutes must be positive")
    for course in args.course or []:
        if not Path(course).is_dir():
            raise ValueError(f"--course {course}: no such folder")
    _require_sandbox(lang, bool(args.allow_unsandboxed))
    root = Path(args.root).expanduser().resolve()
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ValueError(f"--root {args.root}: {exc.strerror or exc}") from None
    return ServeConfig(root=root, tokens=tokens, host=args.host, port=args.port, max_sessions=args.max_sessions,
                       idle_s=args.idle_minutes * 60.0, lang=lang,
                       course_dirs=tuple(str(Path(c).resolve()) for c in args.course or []))


def _require_sandbox(lang: str, allow_unsandboxed: bool) -> None:
    """Learners' code from a browser is graded in bubblewrap, as a class's batch is: without it, one learner's
    code could read the others' folders."""
    from tutor.grading.notice import INSTALL_COMMAND
    from tutor.grading.sandbox import bwrap_path

    if bwrap_path() is None and not allow_unsandboxed:
        raise ValueError(pick(lang, "bubblewrap is not installed or does not work here, and without it a learner's "
                                    "code could read the other learners' folders; install it with "
                                    f"`{INSTALL_COMMAND}`, or pass --allow-unsandboxed",
                              "bubblewrap no está instalado o no funciona aquí, y sin él el código de un alumno "
                              "podría leer las carpetas de los demás; instálalo con "
                              f"`{INSTALL_COMMAND}`, o pasa --allow-unsandboxed"))
