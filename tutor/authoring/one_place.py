"""A misconception proven in one place: a learner makes a mistake in one function, not in all of them.

A variant that makes its mistake in several top-level functions of the exercise (every layout conversion with
reshape) proves only that the whole-file mistake is named. `tutor lesson check` also builds, for each of those
functions, the reference with that one function taken from the variant, grades it, and wants the misconception
named there too. Built from the syntax trees, for any exercise: the functions compared are the starter's.
"""
from __future__ import annotations

import ast
import copy
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from tutor.core.i18n import pick

if TYPE_CHECKING:
    from tutor.core.course import Exercise
    from tutor.grading.result import GradeResult

Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _definitions(tree: ast.Module) -> dict[str, Definition]:
    return {n.name: n for n in tree.body if isinstance(n, DEFINITIONS)}


def _without_docstring(node: Definition) -> str:
    """The definition as compared: a reworded docstring (or comment, which the tree drops) is no difference."""
    node = copy.deepcopy(node)
    body = node.body
    if len(body) > 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        node.body = body[1:]
    return ast.dump(node)


def learner_functions(starter: Path) -> list[str]:
    """The top-level functions and classes of the starter: what the learner writes."""
    return list(_definitions(ast.parse(starter.read_text(encoding="utf-8"))))


def differing_functions(reference: str, variant: str, names: list[str]) -> list[str]:
    """Of `names`, those defined in both files whose definitions differ, in the reference's order."""
    ref, var = _definitions(ast.parse(reference)), _definitions(ast.parse(variant))
    return [n for n in ref if n in names and n in var and _without_docstring(ref[n]) != _without_docstring(var[n])]


def one_place_source(reference: str, variant: str, name: str) -> str:
    """The reference with `name` taken from the variant. The imports and the top-level names that the variant has
    and the reference lacks (helpers the variant's functions call) come along, placed before it."""
    ref, var = ast.parse(reference), ast.parse(variant)
    ref_dumps = {ast.dump(n) for n in ref.body}
    ref_names = _bound_names(ref.body)
    imports = [n for n in var.body if isinstance(n, (ast.Import, ast.ImportFrom)) and ast.dump(n) not in ref_dumps
               and not (isinstance(n, ast.ImportFrom) and n.module == "__future__")]
    helpers = [n for n in var.body if not isinstance(n, (ast.Import, ast.ImportFrom))
               and _bound_names([n]) and not (_bound_names([n]) & ref_names)]
    body: list[ast.stmt] = []
    for node in ref.body:
        if isinstance(node, DEFINITIONS) and node.name == name:
            body += helpers + [_definitions(var)[name]]
        else:
            body.append(node)
    after_imports = max((k + 1 for k, n in enumerate(body) if isinstance(n, (ast.Import, ast.ImportFrom))),
                        default=0)
    body[after_imports:after_imports] = imports
    return ast.unparse(ast.Module(body=body, type_ignores=[])) + "\n"


def _bound_names(nodes: list[ast.stmt]) -> set[str]:
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, DEFINITIONS):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for target in targets for t in ast.walk(target) if isinstance(t, ast.Name))
    return names


def one_place_jobs(exercise: Exercise, m: object) -> list[str]:
    """The functions in which the misconception's variant differs from the reference, when there are several
    (a variant that differs in one function is its own one-place proof); nothing when a file does not parse,
    which the other checks report."""
    variant = exercise.misconception_file(m)
    try:
        reference, wrong = exercise.solution.read_text(encoding="utf-8"), variant.read_text(encoding="utf-8")
        differing = differing_functions(reference, wrong, learner_functions(exercise.starter))
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
        return []
    return differing if len(differing) > 1 else []


def prove_in_one_place(exercise: Exercise, m: object, name: str, grade: Callable[[Path], GradeResult],
                       rel: str, lang: str) -> tuple[bool, str]:
    """Grade the reference with only `name` from the variant: (True, what it showed) when the misconception is
    named; else (False, one line with the file, the misconception and the function)."""
    reference = exercise.solution.read_text(encoding="utf-8")
    source = one_place_source(reference, exercise.misconception_file(m).read_text(encoding="utf-8"), name)
    with tempfile.TemporaryDirectory(prefix="tutor-one-place-") as tmp:
        path = Path(tmp) / exercise.solution.name
        path.write_text(source, encoding="utf-8")
        result = grade(path)
    got = result.misconception.id if result.misconception else None
    if result.status == "failed" and got == m.id:
        return True, pick(lang, f"named when only {name}() has the mistake",
                          f"se reconoce cuando solo {name}() tiene el error")
    where = pick(lang, f"{rel}: misconception {m.id} is not named when only {name}() has the mistake",
                 f"{rel}: el error conocido {m.id} no se reconoce cuando solo {name}() lo comete")
    if result.status == "passed":
        why = pick(lang, "the checks pass: none sees this function's mistake alone; add a check on it",
                   "las comprobaciones aprueban: ninguna ve el error de esta función sola; agrega una que lo vea")
    elif result.status != "failed":
        why = pick(lang, f"its verdict is {result.status}: {result.message}",
                   f"su veredicto es {result.status}: {result.message}")
    elif got is not None:
        why = pick(lang, f"'{got}' is named instead: it explains as many of the failed checks or more",
                   f"se reconoce '{got}' en su lugar: explica tantas comprobaciones fallidas o más")
    else:
        failed = [c.title for c in result.checks if c.status == "failed"]
        why = pick(lang, f"the failed checks ({'; '.join(failed)}) do not pass against the variant: each also "
                         f"goes through other functions, or compares with constants; give {name}() a check of its own",
                   f"las comprobaciones fallidas ({'; '.join(failed)}) no aprueban contra la variante: cada una pasa "
                   f"también por otras funciones, o compara con constantes; dale a {name}() una comprobación propia")
    return False, f"{where} ({why})"
