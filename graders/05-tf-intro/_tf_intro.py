"""Shared by the tf-intro graders: TensorFlow's errors in a learner's words, and values that must be arrays.

Runs on the trusted side, which never imports TensorFlow: tensors, graphs and sessions stay in the worker
and reach the graders as remote objects.
"""
from __future__ import annotations

import re
import sys
import types
from pathlib import Path
from typing import Any, Callable

import numpy as np

from tutor.grading.checks import check_array, t
from tutor.grading.proxy import RemoteObject, SubmissionError


def require(condition: object, message: str) -> None:
    """Fail the check with `message` only (a plain `assert` would append pytest's own explanation)."""
    if not condition:
        raise AssertionError(message)


# --- TensorFlow's errors, explained -----------------------------------------------------------------------------


def explain(info: dict) -> str | None:
    """A short, actionable explanation of a TensorFlow error that the learner's graph or session raised."""
    msg = info.get("message", "")
    m = re.search(r"You must feed a value for placeholder tensor '([^']+)'", msg)
    if m:
        name = m.group(1)
        return t(f"the placeholder '{name}' was not fed. A placeholder has no value of its own: every placeholder "
                 f"that a fetch depends on needs an entry in feed_dict, e.g. "
                 f"sess.run(f, feed_dict={{x: xs, y: ys}})",
                 f"el placeholder '{name}' no recibió valor. Un placeholder no tiene valor propio: cada placeholder "
                 f"del que depende lo que pides necesita una entrada en feed_dict, p. ej. "
                 f"sess.run(f, feed_dict={{x: xs, y: ys}})")
    m = re.search(r"(?:Could not find variable|uninitialized value) ([\w/]+)", msg)
    if m:
        name = m.group(1).rstrip(".")
        return t(f"the variable '{name}' was read before it was initialised. Building a "
                 "tf.Variable only adds nodes to the graph; in each new session run the initialiser first: "
                 "sess.run(tf.compat.v1.global_variables_initializer()) (create that node inside the graph, "
                 "after the variables)",
                 f"la variable '{name}' se leyó antes de inicializarla. Crear una "
                 "tf.Variable solo agrega nodos al grafo; en cada sesión nueva ejecuta primero el inicializador: "
                 "sess.run(tf.compat.v1.global_variables_initializer()) (crea ese nodo dentro del grafo, "
                 "después de las variables)")
    if "is not an element of this graph" in msg or "must be from the same graph" in msg:
        return t("a node from one graph was used with another graph (or a session opened on another graph). Build "
                 "every node inside the same `with g.as_default():` block and open the session on that graph: "
                 "tf.compat.v1.Session(graph=g)",
                 "se usó un nodo de un grafo con otro grafo (o con una sesión abierta sobre otro grafo). Crea todos "
                 "los nodos dentro del mismo bloque `with g.as_default():` y abre la sesión sobre ese grafo: "
                 "tf.compat.v1.Session(graph=g)")
    m = re.search(r"Cannot feed value of shape (\([^)]*\)) for Tensor '?([^', ]+)'?, which has shape '?([^']+)'?", msg)
    if m:
        got, name, want = m.groups()
        return t(f"a feed has the wrong shape: {got} for '{name}', whose placeholder has shape {want}. Reshape the "
                 "array or declare the placeholder with the shape the docstring gives",
                 f"un valor de feed_dict tiene forma incorrecta: {got} para '{name}', cuyo placeholder tiene forma "
                 f"{want}. Cambia la forma del arreglo o declara el placeholder con la forma que indica el docstring")
    if "closed Session" in msg:
        return t("the session was already closed: run everything you need inside the `with ... as sess:` block and "
                 "return NumPy values, not tensors",
                 "la sesión ya estaba cerrada: ejecuta todo lo que necesites dentro del bloque `with ... as sess:` "
                 "y devuelve valores de NumPy, no tensores")
    m = re.search(r"Parent directory of (\S+) doesn't exist", msg)
    if m:
        return t(f"Saver.save cannot write {m.group(1)}: its folder does not exist. Create it first with "
                 "os.makedirs(directory, exist_ok=True)",
                 f"Saver.save no puede escribir {m.group(1)}: su carpeta no existe. Créala antes con "
                 "os.makedirs(directory, exist_ok=True)")
    m = re.search(r"File does not exist\. Received: (\S+?)\.?$", msg)
    if m:
        return t(f"there is no file {m.group(1)}: import_meta_graph takes the path of the .meta file "
                 "(prefix + \".meta\"), and saver.restore takes the prefix that saver.save returned",
                 f"no existe el archivo {m.group(1)}: import_meta_graph recibe la ruta del archivo .meta "
                 "(prefijo + \".meta\") y saver.restore recibe el prefijo que devolvió saver.save")
    if "No variables to save" in msg:
        return t("the Saver found no variables: create it inside `with graph.as_default():` of the graph that "
                 "holds them, after they exist (tf.compat.v1.train.Saver() saves the variables of the default graph)",
                 "el Saver no encontró variables: créalo dentro de `with graph.as_default():` del grafo que las "
                 "tiene, después de crearlas (tf.compat.v1.train.Saver() guarda las variables del grafo por "
                 "omisión)")
    if "graph is empty" in msg:
        return t("the session's graph is empty: open the session on the graph that holds your nodes: "
                 "tf.compat.v1.Session(graph=g)",
                 "el grafo de la sesión está vacío: abre la sesión sobre el grafo que contiene tus nodos: "
                 "tf.compat.v1.Session(graph=g)")
    if "The value of a feed cannot be a tf.Tensor" in msg:
        return t("a feed_dict value is a tensor: feed NumPy arrays (or Python numbers), not graph nodes",
                 "un valor de feed_dict es un tensor: alimenta arreglos de NumPy (o números), no nodos del grafo")
    if "No gradients provided" in msg:
        return t("no gradient reached the variables: compute the loss inside `with tf.GradientTape() as tape:` "
                 "with TensorFlow operations on the tf.Variable objects, then call tape.gradient(loss, [w, b])",
                 "ningún gradiente llegó a las variables: calcula la pérdida dentro de "
                 "`with tf.GradientTape() as tape:` con operaciones de TensorFlow sobre los tf.Variable, y luego "
                 "llama a tape.gradient(loss, [w, b])")
    if "'NoneType' object has no attribute 'numpy'" in msg:
        return t("a gradient is None, so it has no .numpy(): the tape saw no path from the loss to that value. "
                 "Compute the loss inside `with tf.GradientTape() as tape:`, with TensorFlow operations, on "
                 "tf.Variable objects (a tf.constant needs tape.watch(c))",
                 "un gradiente es None y por eso no tiene .numpy(): la cinta no vio ningún camino de la pérdida a "
                 "ese valor. Calcula la pérdida dentro de `with tf.GradientTape() as tape:`, con operaciones de "
                 "TensorFlow, sobre objetos tf.Variable (un tf.constant necesita tape.watch(c))")
    if "placeholder() is not compatible with eager execution" in msg:
        return t("tf.compat.v1.placeholder only exists inside a graph: create it inside `with g.as_default():`",
                 "tf.compat.v1.placeholder solo existe dentro de un grafo: créalo dentro de `with g.as_default():`")
    return None


def explained(exc: SubmissionError, label: str | None = None) -> SubmissionError:
    """The same failure, with TensorFlow's long message replaced by an explanation when there is one."""
    text = explain(exc.info)
    if text is None and label is None:
        return exc
    info = exc.info if text is None else dict(exc.info, message=text)
    return SubmissionError(info, label or exc.call)


def call(fn: Callable[..., Any], *args: Any, _label: str | None = None, **kwargs: Any) -> Any:
    """Call into the worker; a TensorFlow error comes back explained (the learner's traceback is kept).

    `_label` names the call in the message when it is the grader's own (e.g. its sess.run on the learner's graph).
    """
    try:
        return fn(*args, **kwargs)
    except SubmissionError as exc:
        better = explained(exc, _label)
        if better is exc:
            raise
        raise better from None


def grader_run(sess: Any, fetches: Any, feed_dict: dict | None = None, *, what: str) -> Any:
    """The grader's own sess.run on the learner's graph, named so in a failure message."""
    label = t(f"the grader's sess.run({what})", f"el sess.run({what}) del evaluador")
    if feed_dict is None:
        return call(sess.run, fetches, _label=label)
    return call(sess.run, fetches, feed_dict=feed_dict, _label=label)


def worker_dir(submission: Any) -> Path:
    """The worker's working folder (where relative paths in the learner's code land), seen from this side."""
    return Path(submission.workdir)


# --- the mechanism, not only the numbers ---------------------------------------------------------------------


def require_session_runs(used: dict[str, int], what: str, *, exactly_one: bool = False) -> None:
    """`what` computed its values by running the graph in a session (the observer counted it in the worker).

    Only runs that fetch a value count, so an initialiser run before the real one is no fault."""
    runs = used.get("session.run:value", 0)
    require(runs > 0, t(
        f"{what} returned the right values, but never ran a session: compute them by running your graph, "
        "sess.run(fetches, feed_dict=...), not with Python or NumPy arithmetic; building and running the graph "
        "is what this exercise is about",
        f"{what} devolvió los valores correctos, pero nunca ejecutó una sesión: calcúlalos ejecutando tu grafo, "
        "sess.run(fetches, feed_dict=...), no con aritmética de Python o NumPy; construir y ejecutar el grafo es "
        "de lo que trata este ejercicio"))
    require(not exactly_one or runs == 1, t(
        f"{what} returned the right values in {runs} session runs; fetch them all in ONE run: sess.run accepts a "
        "dict of fetches and returns a dict with the same keys, sess.run({\"difference\": d, ...}, feed_dict=...)",
        f"{what} devolvió los valores correctos en {runs} ejecuciones de la sesión; pídelos todos en UNA: sess.run "
        "acepta un dict de fetches y devuelve un dict con las mismas claves, "
        "sess.run({\"difference\": d, ...}, feed_dict=...)"))


# --- values that must be arrays -------------------------------------------------------------------------------


def is_remote(value: Any) -> bool:
    return isinstance(value, RemoteObject)


def remote_kind(value: Any) -> str:
    """'Tensor', 'Variable', 'Operation', 'Graph', 'Session' or the remote type's last name."""
    name = value.remote_type.rsplit(".", 1)[-1]
    for kind in ("Tensor", "Variable", "Operation", "Graph", "Session"):
        if kind in name:
            return kind
    return name


def as_array(value: Any, *, what: str, eager: bool = False) -> np.ndarray:
    """`value` as a float64 array; a tensor or variable gets the message that says how to read its value."""
    if is_remote(value):
        kind = remote_kind(value)
        if kind in ("Tensor", "Variable"):
            if eager:
                raise AssertionError(t(
                    f"{what}: you returned a TensorFlow {kind}, not its value; call .numpy() on it to get a NumPy "
                    "array (tf.reshape only gives another tensor)",
                    f"{what}: devolviste un {kind} de TensorFlow, no su valor; llama a .numpy() para obtener un "
                    "arreglo de NumPy (tf.reshape solo da otro tensor)"))
            raise AssertionError(t(
                f"{what}: you returned a {kind}, which is a node of the graph, not its value. Run it in the session "
                "to get a NumPy array: sess.run(node, feed_dict=...) (tf.reshape only adds another node)",
                f"{what}: devolviste un {kind}, que es un nodo del grafo, no su valor. Ejecútalo en la sesión para "
                "obtener un arreglo de NumPy: sess.run(nodo, feed_dict=...) (tf.reshape solo agrega otro nodo)"))
        raise AssertionError(t(f"{what}: expected a NumPy array, got a {value.remote_type}",
                               f"{what}: se esperaba un arreglo de NumPy, llegó un {value.remote_type}"))
    if value is None:
        raise AssertionError(t(f"{what}: your function returned None; did you forget `return`?",
                               f"{what}: tu función devolvió None; ¿olvidaste el `return`?"))
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise AssertionError(t(f"{what}: expected numbers, got {type(value).__name__}",
                               f"{what}: se esperaban números, llegó {type(value).__name__}")) from None
    return arr


def parts_of(value: Any, keys: tuple[str, ...], *, what: str) -> dict[str, Any]:
    """The dict a build function returns, with every key the docstring names."""
    if not isinstance(value, dict):
        got = value.remote_type if is_remote(value) else type(value).__name__
        raise AssertionError(t(f"{what} must return a dict with the keys {', '.join(keys)}; it returned {got}",
                               f"{what} debe devolver un dict con las claves {', '.join(keys)}; devolvió {got}"))
    missing = [k for k in keys if k not in value]
    if missing:
        names, one = ", ".join(missing), len(missing) == 1
        raise AssertionError(t(f"{what}: the returned dict lacks the {'key' if one else 'keys'} {names}",
                               f"{what}: al dict devuelto le {'falta la clave' if one else 'faltan las claves'} {names}"))
    return value


def operations(graph: Any) -> list[tuple[str, str]]:
    """(name, type) of every operation of a remote tf.Graph."""
    ops = call(graph.get_operations, _label="graph.get_operations()")
    return [(op.name, op.type) for op in ops]


# --- the reference's NumPy twin, without TensorFlow on this side ---------------------------------------------


class _Absent(types.ModuleType):
    """Stands for tensorflow while the reference module loads: its TF code is never called on this side."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return _Absent(f"{self.__name__}.{name}")

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        # A decorator such as @tf.function keeps the function it decorates.
        return args[0] if len(args) == 1 and callable(args[0]) and not kwargs else self


def keep_tensorflow_out() -> None:
    """Let the reference solution be imported for its NumPy twin without the 4 s, 700 MiB TensorFlow import."""
    for name in ("tensorflow", "keras", "tf_keras"):
        sys.modules.setdefault(name, _Absent(name))


def gd_steps(X: np.ndarray, y: np.ndarray, lr: float, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Plain gradient descent on the mean squared error from w = 0, b = 0."""
    X, y = X.astype(np.float64), y.astype(np.float64)
    w, b = np.zeros((X.shape[1], 1)), np.zeros(1)
    for _ in range(steps):
        err = X @ w + b - y
        w, b = w - lr * 2 * X.T @ err / len(X), b - lr * 2 * err.mean()
    return w, b


def check_plain_steps(values: dict[str, np.ndarray], X: np.ndarray, y: np.ndarray, lr: float, epochs: int, *,
                      what_en: str, what_es: str) -> None:
    """w and b after `epochs` whole-batch steps from zero; least-squares weights (which these few steps do not
    reach) are named as not coming from the steps. `what_en`/`what_es` end the sentence "{name} after ..."."""
    want_w, want_b = gd_steps(X, y, lr, epochs)
    A = np.c_[X.astype(np.float64), np.ones(len(X))]
    best = np.linalg.lstsq(A, y.astype(np.float64), rcond=None)[0].ravel()
    fitted = np.r_[values["w"].ravel(), values["b"].ravel()]
    at_optimum = fitted.size == best.size and float(np.max(np.abs(fitted - best))) < 1e-3
    why = t(" — those are the least-squares weights, which these few steps do not reach: they did not come from "
            "the steps" if at_optimum else "",
            " — esos son los pesos de mínimos cuadrados, que estos pocos pasos no alcanzan: no salieron de los pasos"
            if at_optimum else "")
    for name, want in (("w", want_w), ("b", want_b)):
        value = values[name]
        check_array(value.reshape(want.shape) if value.size == want.size else value, want, rtol=1e-4, atol=1e-5,
                    what=t(f"{name} {what_en}{why}", f"{name} {what_es}{why}"))
