"""The learners' tokens file for `tutor serve --tokens FILE`: one `name token` per line.

A name becomes a folder under the served root, so it must be a plain name (no slash, no leading dot). Tokens are
compared in constant time; a short token is refused because it is a password that anyone may guess.
"""
from __future__ import annotations

import hmac
import re
from dataclasses import dataclass
from pathlib import Path

NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
MIN_TOKEN_CHARS = 12


class TokensError(ValueError):
    """The tokens file cannot be used; the message names the line."""


@dataclass(frozen=True)
class Tokens:
    by_name: dict[str, str]

    def learner(self, token: str | None) -> str | None:
        """The learner whose token this is, or None. Every entry is compared, so timing says nothing."""
        found = None
        given = (token or "").encode("utf-8")
        for name, expected in self.by_name.items():
            if hmac.compare_digest(given, expected.encode("utf-8")):
                found = name
        return found if token else None


def parse_tokens(text: str, shown: str = "tokens") -> Tokens:
    by_name: dict[str, str] = {}
    seen_tokens: set[str] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) != 2:
            raise TokensError(f"{shown}:{number}: expected `name token`, found {len(parts)} words")
        name, token = parts
        if not NAME_RE.match(name):
            raise TokensError(f"{shown}:{number}: {name!r} is not a plain name (letters, digits, _ . -; it becomes "
                              "a folder)")
        if len(token) < MIN_TOKEN_CHARS:
            raise TokensError(f"{shown}:{number}: the token of {name} has {len(token)} characters; use at least "
                              f"{MIN_TOKEN_CHARS} (python -c 'import secrets; print(secrets.token_urlsafe(16))')")
        if name in by_name:
            raise TokensError(f"{shown}:{number}: {name} appears twice")
        if token in seen_tokens:
            raise TokensError(f"{shown}:{number}: the token of {name} is also another learner's")
        by_name[name] = token
        seen_tokens.add(token)
    if not by_name:
        raise TokensError(f"{shown}: no learners (write one `name token` per line)")
    return Tokens(by_name)


def read_tokens(path: Path) -> Tokens:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TokensError(f"{path}: cannot be read ({exc})") from None
    return parse_tokens(text, str(path))
