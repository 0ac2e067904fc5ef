"""Grader for tf-intro/graph: the graph's names, its values under the grader's own feeds, and the learner's runs.

The graphs stay in the worker; the grader opens sessions there through the starter's open_session and feeds
hidden values. f(x, y) = x²·y + y + 2 is a formula, so the expected values are computed here in NumPy.
"""
from __future__ import annotations

import numpy as np
import pytest

from _tf_intro import (as_array, call, grader_run, is_remote, operations, parts_of, remote_kind, require,
                       require_session_runs)
from tutor.grading.checks import check_array, t
from tutor.grading.proxy import SubmissionError

RNG_SEED = 2051


def f_numpy(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return x * x * y + y + 2


def hidden_points(n: int = 9) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(RNG_SEED)
    return (rng.uniform(-3, 3, n).round(2).astype(np.float32), rng.uniform(-3, 3, n).round(2).astype(np.float32))


def check_scope(ops: list[tuple[str, str]], f: object, what: str) -> None:
    """f and every computing node live under the name scope "f/"; inputs and constants may live outside."""
    f_name = call(lambda: f.op.name)
    require(f_name.startswith("f/"), t(
        f"{what}: f is the node '{f_name}', outside the name scope: create it inside `with tf.name_scope(\"f\"):` "
        "so that its name starts with 'f/'",
        f"{what}: f es el nodo '{f_name}', fuera del name scope: créalo dentro de `with tf.name_scope(\"f\"):` "
        "para que su nombre empiece por 'f/'"))
    inputs = {"Placeholder", "PlaceholderV2", "Const", "NoOp", "VarHandleOp", "VariableV2", "VarIsInitializedOp",
              "AssignVariableOp", "Assign", "ReadVariableOp", "Identity"}
    outside = [name for name, kind in ops if not name.startswith("f/") and kind not in inputs
               and not name.startswith(("x/", "y/"))]
    require(not outside, t(
        f"{what}: these operations of f are outside the name scope 'f': {', '.join(outside[:6])}; compute the "
        "whole formula inside `with tf.name_scope(\"f\"):`",
        f"{what}: estas operaciones de f quedaron fuera del name scope 'f': {', '.join(outside[:6])}; calcula "
        "toda la fórmula dentro de `with tf.name_scope(\"f\"):`"))
    inside = [name for name, _ in ops if name.startswith("f/")]
    require(len(inside) >= 3, t(
        f"{what}: only {len(inside)} operations under 'f/'; x*x*y + y + 2 needs at least two products and two sums",
        f"{what}: solo hay {len(inside)} operaciones bajo 'f/'; x*x*y + y + 2 necesita al menos dos productos y "
        "dos sumas"))


def require_node(value: object, key: str, kinds: tuple[str, ...], what: str) -> None:
    """A value of the returned dict is a node of the right kind (it stays in the worker, as a remote object)."""
    got = remote_kind(value) if is_remote(value) else type(value).__name__
    nouns = {"Tensor": ("a tensor (a node's output)", "un tensor (la salida de un nodo)"),
             "Variable": ("a tf.Variable", "una tf.Variable"), "Operation": ("an operation", "una operación")}
    want_en = " or ".join(nouns[k][0] for k in kinds)
    want_es = " o ".join(nouns[k][1] for k in kinds)
    require(got in kinds, t(f"{what}: \"{key}\" must be {want_en} of your graph, got {got}",
                            f"{what}: \"{key}\" debe ser {want_es} de tu grafo, llegó {got}"))


def check_input(ops: list[tuple[str, str]], name: str, kinds: tuple[str, ...], noun: str, what: str) -> None:
    found = dict(ops).get(name)
    require(found in kinds, t(
        f"{what}: the graph has no {noun} named '{name}'"
        + (f" (the node '{name}' is a {found})" if found else "") + f"; pass name=\"{name}\" when you create it",
        f"{what}: el grafo no tiene un {noun} llamado '{name}'"
        + (f" (el nodo '{name}' es un {found})" if found else "") + f"; pasa name=\"{name}\" al crearlo"))


@pytest.mark.points(3)
@pytest.mark.title(en="Variables: the graph and its value", es="Variables: el grafo y su valor")
def test_variables_graph(submission):
    x0, y0 = (float(v) for v in np.random.default_rng(RNG_SEED + 2).uniform(-3, 3, 2).round(2))
    parts = parts_of(call(submission.build_with_variables, x0, y0), ("graph", "x", "y", "f", "init"),
                     what=f"build_with_variables({x0}, {y0})")
    for key, kinds in (("x", ("Variable",)), ("y", ("Variable",)), ("f", ("Tensor",)), ("init", ("Operation",))):
        require_node(parts[key], key, kinds, "build_with_variables")
    ops = operations(parts["graph"])
    for name in ("x", "y"):
        check_input(ops, name, ("VarHandleOp", "VariableV2"), t("variable", "variable"), "build_with_variables")
    check_scope(ops, parts["f"], "build_with_variables")
    sess = call(submission.open_session, parts["graph"])
    try:
        # Lazy evaluation: before the initialiser runs, the variables hold nothing and f cannot be computed.
        try:
            early = sess.run(parts["f"])
        except SubmissionError:
            pass
        else:
            raise AssertionError(t(
                f"f could be computed ({early}) before the variables were initialised: x and y must be "
                "tf.Variable nodes, not constants",
                f"f se pudo calcular ({early}) antes de inicializar las variables: x e y deben ser nodos "
                "tf.Variable, no constantes"))
        grader_run(sess, parts["init"], what="init")
        got = call(sess.run, parts["f"], _label=t("the grader's sess.run(f), right after sess.run(init),",
                                                  "el sess.run(f) del evaluador, justo después de sess.run(init),"))
    finally:
        sess.close()
    check_array(as_array(got, what="f"), np.float64(f_numpy(x0, y0)), rtol=1e-5, what=t(
        f"f after running the initialiser, with x0 = {x0} and y0 = {y0}",
        f"f tras ejecutar el inicializador, con x0 = {x0} e y0 = {y0}"))


@pytest.mark.points(2)
@pytest.mark.title(en="Variables: a session run", es="Variables: una ejecución en sesión")
def test_evaluate_with_variables(submission, observer):
    rng = np.random.default_rng(RNG_SEED + 1)
    for x0, y0 in rng.uniform(-4, 4, size=(3, 2)).round(3):
        got, used = observer.during(lambda: call(submission.evaluate_with_variables, float(x0), float(y0)))
        got = as_array(got, what=f"evaluate_with_variables({x0}, {y0})")
        require(got.size == 1, t(
            f"evaluate_with_variables({x0}, {y0}) must return one number, got shape {got.shape}",
            f"evaluate_with_variables({x0}, {y0}) debe devolver un número, llegó forma {got.shape}"))
        check_array(got.reshape(()), np.float64(f_numpy(x0, y0)), what=f"evaluate_with_variables({x0}, {y0})",
                    rtol=1e-5)
        require_session_runs(used, f"evaluate_with_variables({x0}, {y0})")


@pytest.mark.points(3)
@pytest.mark.title(en="Placeholders: names, scope and the grader's own feeds",
                   es="Placeholders: nombres, scope y los feeds del evaluador")
def test_placeholders_graph(submission):
    parts = parts_of(call(submission.build_with_placeholders), ("graph", "x", "y", "f"),
                     what="build_with_placeholders()")
    for key in ("x", "y", "f"):
        require_node(parts[key], key, ("Tensor",), "build_with_placeholders")
    ops = operations(parts["graph"])
    for name in ("x", "y"):
        check_input(ops, name, ("Placeholder", "PlaceholderV2"), "placeholder", "build_with_placeholders")
    check_scope(ops, parts["f"], "build_with_placeholders")
    xs, ys = hidden_points()
    sess = call(submission.open_session, parts["graph"])
    try:
        got = grader_run(sess, parts["f"], {parts["x"]: xs, parts["y"]: ys}, what="f, feed_dict={x: ..., y: ...}")
    finally:
        sess.close()
    check_array(as_array(got, what="f"), f_numpy(xs.astype(np.float64), ys.astype(np.float64)),
                what=t("f run by the grader with its own feeds", "f ejecutada por el evaluador con sus propios feeds"),
                rtol=1e-5, atol=1e-4)


@pytest.mark.points(1)
@pytest.mark.title(en="Each build makes a new graph", es="Cada construcción crea un grafo nuevo")
def test_fresh_graph(submission):
    names = []
    for _ in range(2):
        parts = parts_of(call(submission.build_with_placeholders), ("graph", "x", "y", "f"),
                         what="build_with_placeholders()")
        names.append(call(lambda: parts["x"].op.name))
    require(names == ["x", "x"], t(
        f"building twice named the placeholder {names[0]!r} and then {names[1]!r}: the second build added nodes "
        "to the same graph. Create a new graph each time: g = tf.Graph(), then `with g.as_default():`",
        f"al construir dos veces el placeholder se llamó {names[0]!r} y luego {names[1]!r}: la segunda "
        "construcción agregó nodos al mismo grafo. Crea un grafo nuevo cada vez: g = tf.Graph() y luego "
        "`with g.as_default():`"))


@pytest.mark.points(2)
@pytest.mark.title(en="Placeholders: a batch fed at run time", es="Placeholders: un lote alimentado al ejecutar")
def test_evaluate_with_placeholders(submission, observer):
    xs, ys = hidden_points(13)
    got, used = observer.during(lambda: call(submission.evaluate_with_placeholders, xs, ys))
    check_array(as_array(got, what="evaluate_with_placeholders"), f_numpy(xs.astype(np.float64),
                                                                           ys.astype(np.float64)),
                what="evaluate_with_placeholders(xs, ys)", rtol=1e-5, atol=1e-4)
    require_session_runs(used, "evaluate_with_placeholders(xs, ys)")
