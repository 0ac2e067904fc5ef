"""The pages `tutor serve` sends: the terminal page (our own, so that nothing comes from the internet) and the
refusals. The terminal itself is textual-serve's xterm.js bundle and the Roboto Mono font it ships, served from
the installed package.
"""
from __future__ import annotations

from html import escape
from string import Template

from tutor.core.i18n import pick

# textual.js connects on window.onload and measures the font then: wait for our local font first, so the cell
# size is the font's own and not a fallback's.
_TERMINAL = Template("""<!DOCTYPE html>
<html lang="$lang">
<head>
<meta charset="utf-8">
<title>$title</title>
<link rel="stylesheet" href="/static/css/xterm.css">
<link rel="preload" href="/static/fonts/RobotoMono-VariableFont_wght.ttf" as="font" type="font/ttf" crossorigin>
<style>
@font-face { font-family: "Roboto Mono"; font-style: normal; font-weight: 100 700;
             src: url("/static/fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }
@font-face { font-family: "Roboto Mono"; font-style: italic; font-weight: 100 700;
             src: url("/static/fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype"); }
html, body { margin: 0; height: 100%; background: #0c181f; }
body { font-family: "Roboto Mono", monospace; color: rgba(255, 255, 255, 0.95); }
#terminal { position: absolute; inset: 0; }
.textual-terminal { opacity: 0; }
body.-first-byte .textual-terminal { opacity: 1; }
.notice { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center; z-index: 10;
          background: #0c181f; }
.notice > div { background: #12232d; padding: 32px 48px; text-align: center; }
body.-first-byte #starting { display: none; }
#ended, #start { display: none; }
#start.-delay { display: inline-block; }
body.-closed #ended { display: flex; }
button { padding: 12px 28px; background: #5e0ba7; color: white; border: none; font: inherit; cursor: pointer;
         margin-top: 16px; }
</style>
<script src="/static/js/textual.js"></script>
<script>
(function () {
  const connect = window.onload;
  window.onload = null;
  window.addEventListener("load", function (event) {
    const fonts = document.fonts ? document.fonts.load("16px 'Roboto Mono'") : Promise.resolve();
    fonts.catch(function () {}).then(function () { connect(event); });
  });
})();
function restart() { window.location.reload(); }
</script>
</head>
<body>
<div class="notice" id="starting"><div>$starting<br><button type="button" id="start" onclick="restart()">$start</button></div></div>
<div class="notice" id="ended"><div>$ended<br><button type="button" onclick="restart()">$restart</button></div></div>
<div id="terminal" class="textual-terminal" data-session-websocket-url="$ws_url" data-font-size="$font_size"></div>
</body>
</html>
""")


def terminal_page(ws_url: str, lang: str, learner: str | None, font_size: int) -> str:
    title = "Tensor Tutor" + (f" — {learner}" if learner else "")
    return _TERMINAL.substitute(
        lang=lang, title=escape(title), ws_url=escape(ws_url, quote=True), font_size=font_size,
        starting=escape(pick(lang, "Starting your tutor…", "Iniciando tu tutor…")),
        start=escape(pick(lang, "Start", "Iniciar")),
        ended=escape(pick(lang, "Session ended (closed, idle too long, or opened in another tab).",
                          "La sesión terminó (cerrada, inactiva demasiado tiempo o abierta en otra pestaña).")),
        restart=escape(pick(lang, "Start again", "Volver a iniciar")))


_MESSAGE = Template("""<!DOCTYPE html>
<html lang="$lang"><head><meta charset="utf-8"><title>Tensor Tutor</title>
<style>body { font-family: monospace; background: #0c181f; color: #eee; display: flex; align-items: center;
justify-content: center; height: 100vh; margin: 0; } div { max-width: 40em; padding: 2em; background: #12232d; }
</style></head><body><div><h1>$heading</h1><p>$text</p></div></body></html>
""")


def message_page(lang: str, heading: str, text: str) -> str:
    return _MESSAGE.substitute(lang=lang, heading=escape(heading), text=escape(text))


def forbidden_page(lang: str) -> str:
    return message_page(lang, pick(lang, "No access", "Sin acceso"),
                        pick(lang, "This address needs your own link with its token (…/?token=…). Ask your "
                                   "instructor for it.",
                             "Esta dirección necesita tu propio enlace con su token (…/?token=…). Pídeselo a tu "
                             "profesor."))


def full_page(lang: str, limit: int) -> str:
    return message_page(lang, pick(lang, "The tutor is full", "El tutor está lleno"),
                        pick(lang, f"{limit} learners are using it right now. Try again in a few minutes.",
                             f"{limit} alumnos lo están usando ahora mismo. Vuelve a intentarlo en unos "
                             "minutos."))
