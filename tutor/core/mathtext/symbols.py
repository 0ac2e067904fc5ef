"""Symbol tables: Greek letters and operators, sub/superscript letters, tall delimiters; display width."""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any



# --- symbols ------------------------------------------------------------------------------------------

# Where pylatexenc's table differs from what a learner expects to read (ϵ -> ε, ∑ -> Σ), or lacks a symbol.
_SYMBOLS: dict[str, str] = {
    "epsilon": "ε", "varepsilon": "ε", "phi": "φ", "varphi": "φ", "sum": "Σ", "prod": "Π", "prime": "′",
    "gets": "←", "to": "→", "cdot": "·", "cdots": "⋯", "ldots": "…", "dots": "…", "vdots": "⋮",
    "ddots": "⋱", "|": "‖", "lVert": "‖", "rVert": "‖", "Vert": "‖", "lvert": "|", "rvert": "|",
    "vert": "|", "{": "{", "}": "}", "lbrace": "{", "rbrace": "}", "langle": "⟨", "rangle": "⟩",
    "%": "%", "_": "_", "$": "$", "#": "#", "&": "&", "top": "ᵀ", "intercal": "ᵀ", "circ": "∘",
    "star": "⋆", "ast": "∗", "coloneqq": ":=", "eqqcolon": "=:", "triangleq": "≜", "mid": "|",
    "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "emptyset": "∅", "varnothing": "∅",
}
_BIN = {"+", "-", "*", "·", "×", "÷", "±", "∓", "⊙", "⊗", "⊕", "∘", "∗", "⋆", "∧", "∨", "∩", "∪", "∖"}
_REL = {"=", "<", ">", ":=", "=:", "≤", "≥", "≠", "≈", "≡", "∼", "≃", "≅", "∝", "→", "←", "↔", "⇒", "⇐",
        "⇔", "↦", "∈", "∉", "⊂", "⊆", "⊃", "⊇", "≪", "≫", "≜", ":", "⟶", "⟵", "⟹", "⟸", "⟺", "∣"}
_OPEN = {"(", "[", "{", "⟨", "⌊", "⌈"}
_CLOSE = {")", "]", "}", "⟩", "⌋", "⌉"}
# Operators whose limits go above and below in display math.
_BIG_OPS = {"Σ", "Π", "∐", "⋃", "⋂", "lim", "max", "min", "sup", "inf", "argmax", "argmin", "arg max",
            "arg min", "limsup", "liminf"}
_NAMED_OPS = {"log", "ln", "exp", "sin", "cos", "tan", "tanh", "sinh", "cosh", "max", "min", "sup", "inf",
              "lim", "det", "arg", "dim", "ker", "deg", "gcd", "Pr", "limsup", "liminf", "sgn", "sign",
              "argmax", "argmin"}
_SPACES = {",": " ", ":": " ", ";": " ", ">": " ", " ": " ", "quad": "    ", "qquad": "      ", "!": "",
           "enspace": " ", "thinspace": " ", "medspace": " ", "thickspace": " "}
_ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0305", "tilde": "\u0303",
            "widetilde": "\u0303", "vec": "\u20d7", "dot": "\u0307", "ddot": "\u0308", "check": "\u030c",
            "breve": "\u0306", "acute": "\u0301", "grave": "\u0300", "underline": "\u0332",
            "overrightarrow": "\u20d7"}
_STYLES_IGNORED = {"mathrm", "mathbf", "boldsymbol", "bm", "mathit", "mathsf", "mathtt", "textbf", "textit",
                   "textrm", "textsf", "texttt", "text", "mbox", "mathnormal", "emph", "operatorname",
                   "displaystyle", "textstyle", "scriptstyle", "limits", "nolimits", "left", "right",
                   "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr"}
_BLACKBOARD = {"R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "P": "ℙ", "E": "𝔼", "1": "𝟙"}
_CALLIGRAPHIC = {"L": "ℒ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "R": "ℛ", "B": "ℬ", "E": "ℰ", "M": "ℳ"}

_SUB = dict(zip("0123456789+-=()aehijklmnoprstuvxβγρφχ,", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ,"))
_SUP = dict(zip("0123456789+-=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWβγδθφχ*′,ᵀ",
                "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵝᵞᵟᶿᵠᵡ*′,ᵀ"))
# Tall delimiters: (top, middle, bottom) pieces for a formula more than one line high.
_TALL = {"(": "⎛⎜⎝", ")": "⎞⎟⎠", "[": "⎡⎢⎣", "]": "⎤⎥⎦", "{": "⎧⎨⎩", "}": "⎫⎬⎭", "|": "│││", "‖": "‖‖‖",
         "⌊": "⎢⎢⎣", "⌋": "⎥⎥⎦", "⌈": "⎡⎢⎢", "⌉": "⎤⎥⎥", "⟨": "⟨⟨⟨", "⟩": "⟩⟩⟩"}
_MATRIX_DELIMS = {"matrix": ("", ""), "pmatrix": ("(", ")"), "bmatrix": ("[", "]"), "Bmatrix": ("{", "}"),
                  "vmatrix": ("|", "|"), "Vmatrix": ("‖", "‖"), "smallmatrix": ("", ""), "array": ("", "")}


@lru_cache(maxsize=1)
def _pylatexenc_symbols() -> Any:
    from pylatexenc.latex2text import get_default_latex_context_db

    return get_default_latex_context_db()


def _symbol(name: str) -> str | None:
    if name in _SYMBOLS:
        return _SYMBOLS[name]
    spec = _pylatexenc_symbols().get_macro_spec(name)
    repl = getattr(spec, "simplify_repl", None) if spec is not None else None
    if isinstance(repl, str) and "%" not in repl and repl.strip():
        return repl.strip()
    return None


def width(text: str) -> int:
    """Terminal cells: combining marks take none, wide characters two."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


