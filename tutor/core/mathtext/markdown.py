"""Every formula of a Markdown document as Unicode (display math as a fenced block, so its layout survives)."""
from __future__ import annotations

import re
from typing import Any

from tutor.core.mathtext.render import display, inline

# --- Markdown ----------------------------------------------------------------------------------------------

_FENCE_RE = re.compile(r"^( {0,3})(`{3,}|~{3,})")
_DISPLAY_RE = re.compile(r"\$\$(.+?)\$\$", re.S)
# Pandoc's rule: no space just inside the dollars, and a closing $ not followed by a digit ($5 and $10).
_INLINE_RE = re.compile(r"(?<![\\$])\$(?=[^\s$])((?:[^$\\]|\\.)+?)(?<=[^\s\\])\$(?![\d$])")
_CODE_SPAN_RE = re.compile(r"(`+)(.+?)\1", re.S)
_MD_SPECIAL_RE = re.compile(r"([\\`*_\[\]<>|#])")


def _safe(convert: Any, latex: str) -> Any:
    try:
        return convert(latex)
    except Exception:  # a formula the converter cannot read is shown as written, never lost
        return None


def _inline_md(latex: str) -> str:
    text = _safe(inline, latex)
    if text is None:
        return f"`{latex}`"
    return _MD_SPECIAL_RE.sub(r"\\\1", text)


def _display_md(latex: str, indent: str) -> str:
    lines = _safe(display, latex.strip())
    if lines is None:
        lines = [latex.strip()]
    fence = "```"
    while any(fence in line for line in lines):
        fence += "`"
    body = "\n".join(indent + line for line in lines)
    return f"\n\n{indent}{fence}text\n{body}\n{indent}{fence}\n\n"


def _prose(text: str) -> str:
    """Math in a stretch of Markdown that holds no fenced code."""
    out: list[str] = []
    last = 0
    for m in _DISPLAY_RE.finditer(text):
        out.append(_inline_spans(text[last:m.start()]))
        line_start = text.rfind("\n", 0, m.start()) + 1
        prefix = text[line_start:m.start()]
        indent = prefix if not prefix.strip() else ""
        out.append(_display_md(m.group(1), indent))
        last = m.end()
    out.append(_inline_spans(text[last:]))
    return "".join(out)


def _inline_spans(text: str) -> str:
    out: list[str] = []
    last = 0
    for m in _CODE_SPAN_RE.finditer(text):
        out.append(_INLINE_RE.sub(lambda k: _inline_md(k.group(1)), text[last:m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(_INLINE_RE.sub(lambda k: _inline_md(k.group(1)), text[last:]))
    return "".join(out)


def render_markdown(text: str) -> str:
    """Markdown with every $…$ and $$…$$ replaced by Unicode; fenced code and code spans untouched."""
    out: list[str] = []
    prose: list[str] = []
    fence: str | None = None
    for line in text.splitlines(keepends=True):
        m = _FENCE_RE.match(line)
        if fence is None and m:
            out.append(_prose("".join(prose)))
            prose = []
            fence = m.group(2)[0] * len(m.group(2))
            out.append(line)
        elif fence is not None:
            out.append(line)
            if m and line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
        else:
            prose.append(line)
    out.append(_prose("".join(prose)))
    return "".join(out)


def render_plain(text: str) -> str:
    """Plain text (a hint, a quiz choice) with each formula as one line of Unicode; no Markdown escapes."""
    def one(m: re.Match[str]) -> str:
        out = _safe(inline, m.group(1))
        return m.group(0) if out is None else out

    return _INLINE_RE.sub(one, _DISPLAY_RE.sub(one, text))


