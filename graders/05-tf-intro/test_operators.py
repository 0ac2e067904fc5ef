"""Grader for tf-intro/operators: the nodes run with the grader's own feeds, then the learner's single run.

Expected values come from the reference's NumPy twin (`expected_values`), so a submission that makes a known
mistake (tf.subtract reversed, C's truncated remainder) is recognised and gets that mistake's hint.
"""
from __future__ import annotations

import numpy as np
import pytest

from _tf_intro import (as_array, call, grader_run, keep_tensorflow_out, operations, parts_of, require,
                       require_session_runs)
from tutor.grading.checks import t

keep_tensorflow_out()  # the reference imports tensorflow; only its NumPy twin is used on this side

KEYS = ("difference", "remainder", "either", "greater")


def hidden_values(seed: int, n: int = 12) -> tuple[np.ndarray, ...]:
    """Mixed signs on purpose: that is where a - b vs b - a and floor vs truncated remainders differ."""
    rng = np.random.default_rng(seed)
    a = rng.uniform(-9, 9, n).round(1).astype(np.float32)
    b = (rng.uniform(0.5, 4, n).round(1) * rng.choice([-1, 1], n)).astype(np.float32)
    a[:2], b[:2] = np.float32([-7, 7]), np.float32([3, -3])
    return a, b, rng.random(n) < 0.5, rng.random(n) < 0.5


def compare(got: object, want: np.ndarray, feeds: dict[str, np.ndarray], key: str, what: str) -> None:
    """Element-wise results: the first wrong element is reported with the inputs that produced it."""
    got_arr = as_array(got, what=what)
    require(got_arr.shape == want.shape, t(f"{what}: shape {got_arr.shape}, expected {want.shape}",
                                           f"{what}: forma {got_arr.shape}, se esperaba {want.shape}"))
    want64 = want.astype(np.float64)
    wrong = np.flatnonzero(~np.isclose(got_arr, want64, rtol=1e-5, atol=1e-5))
    if wrong.size == 0:
        return
    i = int(wrong[0])
    if want.dtype == bool:
        inputs = f"p = {bool(feeds['p'][i])}, q = {bool(feeds['q'][i])}" if key == "either" else \
            f"a = {float(feeds['a'][i]):g}, b = {float(feeds['b'][i]):g}"
        shown_got, shown_want = bool(got_arr[i]), bool(want[i])
    else:
        inputs = f"a = {float(feeds['a'][i]):g}, b = {float(feeds['b'][i]):g}"
        shown_got, shown_want = f"{got_arr[i]:.6g}", f"{want64[i]:.6g}"
    raise AssertionError(t(
        f"{what}: for {inputs} you got {shown_got}, expected {shown_want} ({wrong.size} of {want.size} elements "
        "differ)",
        f"{what}: para {inputs} obtuviste {shown_got}, se esperaba {shown_want} ({wrong.size} de {want.size} "
        "elementos difieren)"))


def node(key: str) -> str:
    return t(f"your node \"{key}\", run by the grader with its own feeds",
             f"tu nodo \"{key}\", ejecutado por el evaluador con sus propios feeds")


def run_nodes(submission, keys: tuple[str, ...], seed: int) -> tuple[dict, dict]:
    """Build the learner's graph, run `keys` in a session the grader opens, with the grader's feeds."""
    parts = parts_of(call(submission.build_operators), ("graph", "a", "b", "p", "q") + KEYS,
                     what="build_operators()")
    a, b, p, q = hidden_values(seed)
    sess = call(submission.open_session, parts["graph"])
    try:
        got = grader_run(sess, {k: parts[k] for k in keys},
                         {parts["a"]: a, parts["b"]: b, parts["p"]: p, parts["q"]: q},
                         what="{...}, feed_dict={a: ..., b: ..., p: ..., q: ...}")
    finally:
        sess.close()
    require(isinstance(got, dict), t("sess.run with a dict of fetches did not return a dict",
                                     "sess.run con un dict de fetches no devolvió un dict"))
    return got, {"a": a, "b": b, "p": p, "q": q}


@pytest.mark.points(1)
@pytest.mark.title(en="Placeholders a, b, p, q", es="Placeholders a, b, p, q")
def test_placeholders(submission):
    parts = parts_of(call(submission.build_operators), ("graph", "a", "b", "p", "q") + KEYS,
                     what="build_operators()")
    kinds = dict(operations(parts["graph"]))
    for name, dtype in (("a", "float32"), ("b", "float32"), ("p", "bool"), ("q", "bool")):
        require(kinds.get(name) in ("Placeholder", "PlaceholderV2"), t(
            f"the graph has no placeholder named '{name}'; pass name=\"{name}\" to tf1.placeholder",
            f"el grafo no tiene un placeholder llamado '{name}'; pasa name=\"{name}\" a tf1.placeholder"))
        got = call(lambda: parts[name].dtype.name)
        require(got == dtype, t(f"the placeholder '{name}' has dtype {got}; it must be tf.{dtype}",
                                f"el placeholder '{name}' tiene dtype {got}; debe ser tf.{dtype}"))


@pytest.mark.points(2)
@pytest.mark.title(en="difference: a − b", es="difference: a − b")
def test_difference(submission, reference):
    got, feeds = run_nodes(submission, ("difference",), seed=11)
    compare(got.get("difference"), reference.expected_values(**feeds)["difference"], feeds, "difference",
            node("difference"))


@pytest.mark.points(2)
@pytest.mark.title(en="remainder: a % b, with the sign of b", es="remainder: a % b, con el signo de b")
def test_remainder(submission, reference):
    got, feeds = run_nodes(submission, ("remainder",), seed=12)
    compare(got.get("remainder"), reference.expected_values(**feeds)["remainder"], feeds, "remainder",
            node("remainder"))


@pytest.mark.points(2)
@pytest.mark.title(en="either (p | q) and greater (a > b)", es="either (p | q) y greater (a > b)")
def test_logical(submission, reference):
    got, feeds = run_nodes(submission, ("either", "greater"), seed=13)
    want = reference.expected_values(**feeds)
    for key in ("either", "greater"):
        compare(got.get(key), want[key], feeds, key, node(key))


@pytest.mark.points(3)
@pytest.mark.title(en="All four in one session run", es="Las cuatro en una ejecución de la sesión")
def test_evaluate_operators(submission, reference, observer):
    a, b, p, q = hidden_values(21, n=15)
    got, used = observer.during(lambda: call(submission.evaluate_operators, a, b, p, q))
    require(isinstance(got, dict) and all(k in got for k in KEYS), t(
        f"evaluate_operators must return a dict with the keys {', '.join(KEYS)} (sess.run with a dict of "
        f"fetches gives one); it returned {type(got).__name__}",
        f"evaluate_operators debe devolver un dict con las claves {', '.join(KEYS)} (sess.run con un dict de "
        f"fetches lo da); devolvió {type(got).__name__}"))
    feeds = {"a": a, "b": b, "p": p, "q": q}
    want = reference.expected_values(**feeds)
    for key in KEYS:
        compare(got[key], want[key], feeds, key, f"evaluate_operators(a, b, p, q)[\"{key}\"]")
    require_session_runs(used, "evaluate_operators(a, b, p, q)", exactly_one=True)
