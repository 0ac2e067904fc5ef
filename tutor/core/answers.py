"""Quiz answers: checking a learner's answer against a question's key, for every quiz kind.

sympy is imported only when an expression answer is checked, so loading a course stays fast.
"""
from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass

TYPE_CHECKING = False  # typing itself is not imported: loading a course (`tutor list`) validates every quiz key
if TYPE_CHECKING:
    from typing import Any

    from tutor.core.manifest import Question


class AnswerKeyError(ValueError):
    def __init__(self, problem: str, fix: str) -> None:
        super().__init__(problem)
        self.fix = fix


class AnswerFormatError(ValueError):
    """The learner's answer cannot be read for this kind of question (not a wrong answer); says so in both languages."""

    def __init__(self, en: str, es: str | None = None) -> None:
        super().__init__(en)
        self.en, self.es = en, es or en

    def text(self, lang: str) -> str:
        return self.es if lang == "es" else self.en


@dataclass(frozen=True)
class AnswerCheck:
    correct: bool
    normalized: str
    feedback: tuple[str, str] | None = None  # (en, es): aimed at this wrong answer; None when right

    def feedback_text(self, lang: str) -> str:
        if self.feedback is None:
            return ""
        return self.feedback[1] if lang == "es" else self.feedback[0]


_DIM_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$|^\d+$")


def parse_shape(text: str) -> tuple[str, ...]:
    """`(n, 10)` -> ("n", "10"); symbols and whole numbers allowed; `()` is a scalar's shape."""
    body = text.strip()
    if body.startswith("(") and body.endswith(")"):
        body = body[1:-1]
    elif body.startswith("[") and body.endswith("]"):
        body = body[1:-1]
    parts = [p.strip() for p in body.split(",")]
    if parts and parts[-1] == "":
        parts = parts[:-1]
    if parts == [""]:
        return ()
    for p in parts:
        if not _DIM_RE.match(p):
            raise AnswerFormatError(
                f"'{p}' is not a dimension: write whole numbers or names between commas, e.g. (n, 28, 28, 3)",
                f"'{p}' no es una dimensión: escribe números enteros o nombres separados por comas, "
                "p. ej. (n, 28, 28, 3)")
    return tuple(p.lower() if not p.isdigit() else str(int(p)) for p in parts)


def _shape_match(given: tuple[str, ...], key: tuple[str, ...]) -> bool:
    # Symbols in the key stand for "any name" in the same place, consistently: (n, t, f) accepts (m, s, k).
    # A name the key itself uses must sit where the key has it, so (n, w, h, 3) is not (n, h, w, 3).
    if len(given) != len(key):
        return False
    key_names = {k for k in key if not k.isdigit()}
    mapping: dict[str, str] = {}
    for g, k in zip(given, key):
        if k.isdigit() or g.isdigit():
            if g != k:
                return False
        elif g in key_names and g != k:
            return False
        elif mapping.setdefault(k, g) != g or list(mapping.values()).count(g) > 1:
            return False
    return True


def _loose_match(given: tuple[str, ...], key: tuple[str, ...]) -> bool:
    """Like _shape_match, but a name may stand for any name: used only to explain a wrong shape."""
    if len(given) != len(key):
        return False
    mapping: dict[str, str] = {}
    for g, k in zip(given, key):
        if k.isdigit() or g.isdigit():
            if g != k:
                return False
        elif mapping.setdefault(k, g) != g:
            return False
    return len(set(mapping.values())) == len(mapping)


def _shape_feedback(given: tuple[str, ...], key: tuple[str, ...]) -> tuple[str, str]:
    shown = "(" + ", ".join(given) + ")"
    if len(given) == len(key) - 1 and _shape_match(given, key[1:]):
        return ("The batch axis is missing: axis 0 counts the instances (n), and every instance then has the shape "
                f"{shown}.",
                "Falta el eje del lote: el eje 0 cuenta las instancias (n), y cada instancia tiene luego la forma "
                f"{shown}.")
    if len(given) != len(key):
        more = len(given) > len(key)
        return (f"Your shape has {len(given)} axes and this tensor has {len(key)}: the rank is off by "
                f"{abs(len(given) - len(key))}" + (" — one axis too many." if more else " — an axis is missing."),
                f"Tu forma tiene {len(given)} ejes y este tensor tiene {len(key)}: el rango difiere en "
                f"{abs(len(given) - len(key))}" + (" — sobra un eje." if more else " — falta un eje."))
    channels = [k for k in key if k in ("1", "3")]
    if channels:
        c = channels[-1]
        rest_key = [k for k in key if k != c]
        rest_given = [g for g in given if g != c]
        if c in given and _shape_match(tuple(rest_given), tuple(rest_key)):
            where = key.index(c)
            place = ("last (channels-last)", "al final (channels-last)") if where == len(key) - 1 else \
                (f"on axis {where} (channels-first)", f"en el eje {where} (channels-first)")
            return (f"The channels are in the wrong place: in this layout they go {place[0]}.",
                    f"Los canales están en el lugar equivocado: en esta disposición van {place[1]}.")
    for i in range(len(key)):
        for j in range(i + 1, len(key)):
            swapped = list(given)
            swapped[i], swapped[j] = swapped[j], swapped[i]
            if _shape_match(tuple(swapped), key):
                if i == 0:
                    return (f"Axes 0 and {j} are swapped: axis 0 always holds the instances, the other axes "
                            "describe one instance.",
                            f"Los ejes 0 y {j} están intercambiados: el eje 0 siempre guarda las instancias; los "
                            "demás ejes describen una instancia.")
                return (f"The right axes, but axes {i} and {j} are swapped: check their order (height before width, "
                        "time steps before features).",
                        f"Los ejes correctos, pero los ejes {i} y {j} están intercambiados: revisa su orden (alto "
                        "antes que ancho, pasos de tiempo antes que atributos).")
    for n, (g, k) in enumerate(zip(given, key)):
        if not _loose_match((g,), (k,)):
            return (f"The rank is right, but axis {n} is not: {g} there does not fit.",
                    f"El rango es correcto, pero el eje {n} no: {g} no corresponde ahí.")
    return ("The rank is right, but a name is used for two different axes, or an axis is misplaced.",
            "El rango es correcto, pero un nombre se usa para dos ejes distintos, o un eje está fuera de lugar.")


# Greek letters as the prompts show them, read as the names the symbols use: α -> alpha, β₁ -> beta1.
_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon", "η": "eta",
          "θ": "theta", "λ": "lambda_", "μ": "mu", "ρ": "rho", "σ": "sigma", "τ": "tau", "φ": "phi", "ω": "omega"}
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")


def _ascii_formula(text: str) -> str:
    out = text.translate(_SUBSCRIPTS).replace("√", "sqrt").replace("·", "*").replace("×", "*").replace("−", "-")
    for letter, name in _GREEK.items():
        out = out.replace(letter, f" {name} " if name != "lambda_" else " lambda_ ")
    return re.sub(r"(alpha|beta|gamma|epsilon|rho|theta) (\d)", r"\1\2", out).strip()


def _expr(text: str, symbols: tuple[str, ...], strict: bool = False) -> Any:
    import sympy
    from sympy.parsing.sympy_parser import (convert_xor, implicit_multiplication_application,
                                            parse_expr, standard_transformations)

    local = {name: sympy.Symbol(name) for name in symbols}
    local.update({"e": sympy.E, "pi": sympy.pi, "sqrt": sympy.sqrt, "exp": sympy.exp, "log": sympy.log})
    ascii_text = _ascii_formula(text)
    for name in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", ascii_text):
        local.setdefault(name, sympy.Symbol(name))  # any other name is a symbol (gamma is not the Γ function)
    try:
        expr = parse_expr(ascii_text, local_dict=local,
                          transformations=standard_transformations + (convert_xor, implicit_multiplication_application))
    except Exception as exc:  # sympy raises many kinds; all mean "cannot read this"
        raise AnswerFormatError(
            f"cannot read '{text}' as a formula ({type(exc).__name__}): use * for products, ^ or ** for powers, "
            "sqrt() for roots",
            f"no puedo leer '{text}' como fórmula ({type(exc).__name__}): usa * para productos, ^ o ** para "
            "potencias, sqrt() para raíces") from None
    if strict:
        unknown = sorted(str(s) for s in getattr(expr, "free_symbols", ()) if str(s) not in symbols)
        if unknown:
            allowed = ", ".join(symbols) or "—"
            raise AnswerFormatError(
                f"'{', '.join(unknown)}' is not a symbol of this question: write the formula in {allowed}",
                f"'{', '.join(unknown)}' no es un símbolo de esta pregunta: escribe la fórmula en {allowed}")
    return expr


_ARITH_NODES = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Constant, ast.Add, ast.Sub, ast.Mult, ast.Div,
                ast.Pow, ast.USub, ast.UAdd)


def _number(text: Any) -> float:
    """A number, a fraction or a small arithmetic expression: 0.1, 0,1, 1e-3, 1/60, 10**-3, 10^-3."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text)
    raw = str(text).strip()
    body = re.sub(r"^(-?\d+),(\d+)$", r"\1.\2", raw).replace("^", "**").replace("−", "-").replace("×", "*")
    try:
        tree = ast.parse(body, mode="eval")
        if not all(isinstance(n, _ARITH_NODES) for n in ast.walk(tree)) or not body:
            raise ValueError
        if any(isinstance(n, ast.Constant) and not isinstance(n.value, (int, float)) for n in ast.walk(tree)):
            raise ValueError
        if any(isinstance(n, ast.BinOp) and isinstance(n.op, ast.Pow) and not (isinstance(n.right, ast.Constant)
               or isinstance(n.right, ast.UnaryOp)) or isinstance(n, ast.Constant) and abs(n.value) > 1e300
               for n in ast.walk(tree)):
            raise ValueError  # 10**10**10 would never finish
        value = float(eval(compile(tree, "<answer>", "eval"), {"__builtins__": {}}))  # only arithmetic nodes
        if not math.isfinite(value):
            raise ValueError
        return value
    except (SyntaxError, ValueError, TypeError, ZeroDivisionError, OverflowError):
        raise AnswerFormatError(f"'{raw}' is not a number; write e.g. 0.1, 1e-3 or 1/60",
                                f"'{raw}' no es un número; escribe p. ej. 0.1, 1e-3 o 1/60") from None


def _close(a: float, b: float, tol: float) -> bool:
    return abs(a - b) <= max(tol, 1e-9 * max(abs(a), abs(b)))


def _number_feedback(value: float, key: float, tol: float) -> tuple[str, str]:
    if key != 0 and _close(value, -key, tol):
        return ("The size is right but the sign is not.", "El tamaño es correcto pero el signo no.")
    if 0 < key < 1 and 0 < value < 1:  # 0.99 for 0.999: the slip is in 1 - x, the averaging horizon
        horizon = (1 - value) / (1 - key)
        if _close(horizon, 10.0, 1e-9):
            return ("One 9 too few: 1 − x is ten times too large. Count the nines (0.99 averages over about 100 "
                    "steps, 0.999 over about 1000).",
                    "Falta un 9: 1 − x es diez veces más grande. Cuenta los nueves (0.99 promedia unos 100 pasos, "
                    "0.999 unos 1000).")
        if _close(horizon, 0.1, 1e-9):
            return ("One 9 too many: 1 − x is ten times too small.", "Sobra un 9: 1 − x es diez veces más pequeño.")
    if key != 0 and value != 0:
        ratio = value / key
        if ratio > 0:
            power = math.log10(ratio)
            k = round(power)
            if k != 0 and abs(power - k) < 1e-6:
                if k == 2:
                    return ("A hundred times too large: a percentage? Write the fraction (0.5, not 50).",
                            "Cien veces más grande: ¿un porcentaje? Escribe la fracción (0.5, no 50).")
                return (f"The digits are right but the size is off by a factor of 10^{k}: check the decimal point "
                        "and the power of ten.",
                        f"Las cifras son correctas pero el tamaño difiere en un factor 10^{k}: revisa el punto "
                        "decimal y la potencia de diez.")
        if _close(value * key, 1.0, 1e-9):
            return ("That is the reciprocal of the answer: you divided the other way round.",
                    "Es el recíproco de la respuesta: dividiste al revés.")
        if abs(key) > 1 and (_close(value, key - 1, tol) or _close(value, key + 1, tol)):
            return ("Off by one: check whether the count includes both ends, or a last partial batch.",
                    "Difiere en uno: revisa si la cuenta incluye ambos extremos, o un último lote incompleto.")
        if abs(value - key) <= 20 * max(tol, 1e-9 * abs(key)) or abs(ratio - 1) < 0.02:
            return ("Close, but outside the tolerance: keep more digits.",
                    "Cerca, pero fuera de la tolerancia: conserva más cifras.")
    return ("Not this number. Work it out again from the definition in the prompt.",
            "No es este número. Vuelve a calcularlo a partir de la definición del enunciado.")


def _expression_feedback(got: Any, want: Any, symbols: tuple[str, ...]) -> tuple[str, str]:
    import sympy

    if _numerically_equal(got, -want, symbols):
        return ("Right up to the sign.", "Correcta salvo por el signo.")
    if _numerically_equal(got * want, sympy.Integer(1), symbols):
        return ("That is the reciprocal of the answer: it is upside down.",
                "Es el recíproco de la respuesta: está invertida.")
    try:
        ratio = sympy.simplify(got / want)
    except Exception:
        ratio = None
    if ratio is not None and ratio.is_number and ratio != 0:
        return (f"Off by a constant factor: yours is {ratio} times the answer.",
                f"Difiere en un factor constante: la tuya es {ratio} veces la respuesta.")
    if ratio is not None and _is_monomial(ratio, symbols):  # beta/(1-beta) for 1/(1-beta): one term too many
        factor = str(ratio).replace("**", "^")
        return (f"Off by a factor of {factor}: yours is {factor} times the answer. Is a power off by one, or a "
                "term counted once too often or too few?",
                f"Difiere en un factor {factor}: la tuya es {factor} veces la respuesta. ¿Hay una potencia que "
                "difiere en uno, o un término contado una vez de más o de menos?")
    return ("Not equal to the answer for all values of the symbols; check it at a simple value such as 0.5.",
            "No es igual a la respuesta para todos los valores de los símbolos; pruébala en un valor simple como "
            "0.5.")


def choice_order(q: Question, seed: str) -> tuple[int, ...]:
    """The order a learner sees a question's choices in: shuffled, the same every time for one seed."""
    import random

    n = len(q.choices.en) if q.choices else 0
    order = list(range(n))
    random.Random(f"{seed}:{q.id}").shuffle(order)
    return tuple(order)


def parse_choices(q: Question, text: str, order: tuple[int, ...] | None = None) -> Any:
    """`2` or `1, 3` as numbered on screen (1-based, in `order`) -> the choice indexes check_answer takes."""
    order = order or tuple(range(len(q.choices.en) if q.choices else 0))
    parts = [p for p in re.split(r"[,\s]+", str(text).strip()) if p]
    picked = []
    for p in parts:
        if not p.isdigit() or not 1 <= int(p) <= len(order):
            raise AnswerFormatError(f"'{p}' is not a choice: write its number, 1 to {len(order)}",
                                    f"'{p}' no es una opción: escribe su número, de 1 a {len(order)}")
        picked.append(order[int(p) - 1])
    if not picked:
        raise AnswerFormatError("no choice given", "no elegiste ninguna opción")
    if q.kind == "single":
        if len(picked) > 1:
            raise AnswerFormatError("this question has one right choice: write one number",
                                    "esta pregunta tiene una sola opción correcta: escribe un número")
        return picked[0]
    return picked


def validate_key(q: Question) -> None:
    """Raise AnswerKeyError when the question's answer key cannot be right for its kind."""
    a = q.answer
    if q.kind == "single":
        n = len(q.choices.en) if q.choices else 0
        if isinstance(a, bool) or not isinstance(a, int) or not 0 <= a < n:
            raise AnswerKeyError(f"expected the index of the right choice (0..{n - 1}), found {a!r}", "answer = 0")
    elif q.kind == "multiple":
        n = len(q.choices.en) if q.choices else 0
        if not isinstance(a, list) or not a or not all(isinstance(i, int) and 0 <= i < n for i in a):
            raise AnswerKeyError(f"expected a list of choice indexes (0..{n - 1}), found {a!r}", "answer = [0, 2]")
    elif q.kind == "number":
        if isinstance(a, bool) or not isinstance(a, (int, float)) or not math.isfinite(a):
            raise AnswerKeyError(f"expected a number, found {a!r}", "answer = 0.1")
    elif q.kind == "shape":
        if not isinstance(a, str):
            raise AnswerKeyError(f"expected a shape string, found {a!r}", 'answer = "(n, 10)"')
        try:
            parse_shape(a)
        except AnswerFormatError as exc:
            raise AnswerKeyError(str(exc), 'answer = "(n, 10)"') from None
    elif q.kind == "expression":
        if not isinstance(a, str) or not a.strip():
            raise AnswerKeyError(f"expected a formula string, found {a!r}", 'answer = "1/(1 - beta)"')
        try:
            ast.parse(a.replace("^", "**"), mode="eval")
        except SyntaxError:
            raise AnswerKeyError(f"'{a}' is not a formula", 'answer = "1/(1 - beta)"') from None
        names = {n.id for n in ast.walk(ast.parse(a.replace("^", "**"), mode="eval")) if isinstance(n, ast.Name)}
        unknown = names - set(q.symbols) - {"sqrt", "e", "pi", "exp", "log"}
        if unknown:
            raise AnswerKeyError(f"uses {', '.join(sorted(unknown))} but symbols does not list it",
                                 f"add symbols = {sorted(set(q.symbols) | unknown)!r}")


def check_answer(q: Question, given: Any) -> AnswerCheck:
    """Compare a learner's answer with the key, with feedback aimed at a wrong one.

    Raises AnswerFormatError (in both languages) when the answer cannot be read.
    """
    if q.kind == "single":
        idx = int(given)
        if idx == q.answer:
            return AnswerCheck(True, str(idx))
        return AnswerCheck(False, str(idx), _choice_feedback(q, idx))
    if q.kind == "multiple":
        picked = sorted({int(i) for i in given})
        right = sorted(set(q.answer))
        if picked == right:
            return AnswerCheck(True, str(picked))
        return AnswerCheck(False, str(picked), _multiple_feedback(q, picked))
    if q.kind == "number":
        value = _number(given)
        tol = q.tolerance or 1e-9 * max(1.0, abs(q.answer))
        if abs(value - q.answer) <= tol:
            return AnswerCheck(True, repr(value))
        return AnswerCheck(False, repr(value), _number_feedback(value, float(q.answer), tol))
    if q.kind == "shape":
        shape = parse_shape(str(given))
        key = parse_shape(q.answer)
        shown = "(" + ", ".join(shape) + ")"
        if _shape_match(shape, key):
            return AnswerCheck(True, shown)
        return AnswerCheck(False, shown, _shape_feedback(shape, key))
    import sympy

    got, want = _expr(str(given), q.symbols, strict=True), _expr(q.answer, q.symbols)
    try:
        same = sympy.simplify(got - want) == 0
    except Exception:
        same = False
    if not same:  # simplify can miss identities; numeric spot checks decide then
        same = _numerically_equal(got, want, q.symbols)
    if same:
        return AnswerCheck(True, str(got))
    return AnswerCheck(False, str(got), _expression_feedback(got, want, q.symbols))


def _multiple_feedback(q: Question, picked: list[int]) -> tuple[str, str]:
    """How many picks are right, what each wrong pick says, whether right choices are missing; never which."""
    from tutor.core.i18n import count

    right = set(q.answer)
    n, hits = len(picked), len(set(picked) & right)
    wrong = [i for i in picked if i not in right]
    missing = len(right - set(picked))
    if not wrong:
        en = "Your choice is right." if n == 1 else f"Your {n} choices are right."
        es = "Tu opción es correcta." if n == 1 else f"Tus {n} opciones son correctas."
    elif hits == 0:
        en = "Your choice is not right." if n == 1 else f"None of your {n} choices is right."
        es = "Tu opción no es correcta." if n == 1 else f"Ninguna de tus {n} opciones es correcta."
    else:
        en = f"{hits} of your {n} choices {'is' if hits == 1 else 'are'} right."
        es = f"{hits} de tus {n} opciones {'es correcta' if hits == 1 else 'son correctas'}."
    for i in wrong:
        said = _choice_feedback(q, i) if q.feedback is not None else (
            f"“{q.choices.en[i]}” is not one of them.", f"«{q.choices.es[i]}» no es una de ellas.")
        en, es = f"{en} {said[0]}", f"{es} {said[1]}"
    if missing:
        en += f" {count('en', missing, 'right choice')} {'is' if missing == 1 else 'are'} missing."
        es += f" {'Falta' if missing == 1 else 'Faltan'} {count('es', missing, 'right choice')}."
    return en, es


def _choice_feedback(q: Question, idx: int) -> tuple[str, str]:
    if q.feedback is not None and 0 <= idx < len(q.feedback.en):
        return q.feedback.en[idx], q.feedback.es[idx]
    return ("Not this choice. Reread the prompt: which one does what it asks, exactly?",
            "No es esta opción. Relee el enunciado: ¿cuál hace exactamente lo que pide?")


def _is_monomial(expr: Any, symbols: tuple[str, ...]) -> bool:
    """A number times powers of the question's symbols (beta, 1/alpha, 2*k**2): a slip worth naming, which
    does not give the answer away the way a whole ratio like (1 - beta)/beta would."""
    if not expr.free_symbols or any(str(s) not in symbols for s in expr.free_symbols):
        return False
    return all(base.is_Symbol or base.is_number for base in expr.as_powers_dict())


def _numerically_equal(a: Any, b: Any, symbols: tuple[str, ...]) -> bool:
    import random

    import sympy

    syms = [sympy.Symbol(s) for s in symbols]
    rng = random.Random(0)
    for _ in range(8):
        point = {s: rng.uniform(0.1, 0.9) for s in syms}
        try:
            x, y = complex(a.subs(point).evalf()), complex(b.subs(point).evalf())
        except (TypeError, ValueError):
            return False
        if abs(x - y) > 1e-9 * max(1.0, abs(y)):
            return False
    return True
