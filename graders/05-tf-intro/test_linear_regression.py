"""Grader for tf-intro/linear-regression: the learner's graph under the grader's own session and feeds, then a
mini-batch fit on hidden data (made here with a seed, sent to the worker) checked against least squares and
against plain gradient descent step by step.

Gradient descent and least squares are formulas, so the expected values are computed here in NumPy. A train()
that solves least squares in closed form lands on the optimum, not where that many steps lead; one that runs
gradient descent in NumPy gets the steps right but never runs the session: the `observer` counts the session
runs in the worker while train() runs.
"""
from __future__ import annotations

import numpy as np
import pytest

from _tf_intro import as_array, call, check_plain_steps, gd_steps, grader_run, operations, parts_of, require
from tutor.grading.checks import check_array, counted, t

KEYS = ("graph", "X", "y", "w", "b", "prediction", "loss", "train_op", "init")
N_FEATURES = 3


def hidden_data(seed: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(0, 1, (n, N_FEATURES))
    X[:, 1] = 2 * X[:, 1] + 1  # a feature that is neither centred nor scaled
    w, b = rng.uniform(-2, 2, N_FEATURES), rng.uniform(-1, 1)
    y = X @ w + b + rng.normal(0, 0.1, n)
    return X.astype(np.float32), y.reshape(-1, 1).astype(np.float32)



def build(submission, lr: float) -> dict:
    return parts_of(call(submission.build_model, N_FEATURES, lr), KEYS, what=f"build_model({N_FEATURES}, {lr})")


@pytest.mark.points(2)
@pytest.mark.title(en="Placeholders and variables", es="Placeholders y variables")
def test_graph(submission):
    parts = build(submission, 0.1)
    kinds = dict(operations(parts["graph"]))
    for name, allowed, noun in (("X", ("Placeholder",), "placeholder"), ("y", ("Placeholder",), "placeholder"),
                                ("w", ("VarHandleOp", "VariableV2"), "variable"),
                                ("b", ("VarHandleOp", "VariableV2"), "variable")):
        require(kinds.get(name) in allowed, t(
            f"the graph has no {noun} named '{name}'; pass name=\"{name}\" when you create it",
            f"el grafo no tiene un {noun} llamado '{name}'; pasa name=\"{name}\" al crearlo"))
    for key, want in (("X", [None, N_FEATURES]), ("y", [None, 1]), ("w", [N_FEATURES, 1]), ("b", [1]),
                      ("prediction", [None, 1])):
        got = call(lambda: parts[key].shape.as_list())
        require(got == want, t(
            f"\"{key}\" has shape {got}; it must be {want} (None: any number of rows)"
            + (" — with y of shape (None,), prediction - y broadcasts to an n×n matrix" if key == "y" else ""),
            f"\"{key}\" tiene forma {got}; debe ser {want} (None: cualquier número de filas)"
            + (" — con y de forma (None,), prediction - y se expande a una matriz n×n" if key == "y" else "")))


@pytest.mark.points(2)
@pytest.mark.title(en="The loss is the mean squared error", es="La pérdida es el error cuadrático medio")
def test_loss(submission):
    X, y = hidden_data(31, 64)
    parts = build(submission, 0.1)
    sess = call(submission.open_session, parts["graph"])
    try:
        grader_run(sess, parts["init"], what="init")
        got = grader_run(sess, parts["loss"], {parts["X"]: X, parts["y"]: y}, what="loss, feed_dict={X: ..., y: ...}")
    finally:
        sess.close()
    got = as_array(got, what="loss")
    want = float(np.mean(y.astype(np.float64) ** 2))  # w = 0 and b = 0 predict 0
    require(got.size == 1, t(
        f"the loss must be one number, got shape {got.shape}: reduce it with tf.reduce_mean",
        f"la pérdida debe ser un número, llegó forma {got.shape}: redúcela con tf.reduce_mean"))
    value = float(got.reshape(()))
    extra = ""
    if np.isclose(value, want * len(X), rtol=1e-4):
        extra = t(" — that is the sum of the squared errors: average them with tf.reduce_mean",
                  " — esa es la suma de los errores al cuadrado: promédialos con tf.reduce_mean")
    elif np.isclose(value, want / 2, rtol=1e-4):
        extra = t(" — that is half the mean: drop the factor 1/2",
                  " — esa es la mitad de la media: quita el factor 1/2")
    require(np.isclose(value, want, rtol=1e-4), t(
        f"with w = 0 and b = 0 the loss on the grader's batch is {value:.6g}; mean((prediction - y)²) is "
        f"{want:.6g}{extra}",
        f"con w = 0 y b = 0 la pérdida en el lote del evaluador es {value:.6g}; mean((prediction - y)²) es "
        f"{want:.6g}{extra}"))


@pytest.mark.points(2)
@pytest.mark.title(en="train_op is a gradient-descent step", es="train_op es un paso de descenso por gradiente")
def test_train_op(submission):
    lr, steps = 0.03, 3
    X, y = hidden_data(32, 48)
    X_new, _ = hidden_data(33, 7)
    parts = build(submission, lr)
    sess = call(submission.open_session, parts["graph"])
    try:
        grader_run(sess, parts["init"], what="init")
        for _ in range(steps):
            grader_run(sess, parts["train_op"], {parts["X"]: X, parts["y"]: y},
                       what="train_op, feed_dict={X: ..., y: ...}")
        w, b = grader_run(sess, [parts["w"], parts["b"]], what="[w, b]")
        pred = grader_run(sess, parts["prediction"], {parts["X"]: X_new}, what="prediction, feed_dict={X: ...}")
    finally:
        sess.close()
    want_w, want_b = gd_steps(X, y, lr, steps)
    for name, got, want in (("w", w, want_w), ("b", b, want_b)):
        check_array(as_array(got, what=name), want, rtol=1e-4, atol=1e-5, what=t(
            f"{name} after the grader ran init and then train_op {steps} times on one batch (learning rate {lr}, "
            "from w = 0 and b = 0)",
            f"{name} después de que el evaluador ejecutó init y luego train_op {steps} veces en un lote (tasa "
            f"{lr}, desde w = 0 y b = 0)"))
    check_array(as_array(pred, what="prediction"), X_new.astype(np.float64) @ want_w + want_b,
                what=t("prediction = X·w + b on new rows", "prediction = X·w + b en filas nuevas"),
                rtol=1e-4, atol=1e-5)


@pytest.mark.points(2)
@pytest.mark.title(en="Mini-batch training recovers the weights",
                   es="El entrenamiento por mini-lotes recupera los pesos")
def test_train(submission, observer):
    X, y = hidden_data(505, 400)
    got, used = observer.during(lambda: call(submission.train, X, y, learning_rate=0.05, epochs=5, batch_size=20,
                                             seed=3))
    require(isinstance(got, dict) and all(k in got for k in ("w", "b", "loss")), t(
        "train must return a dict with the keys w, b and loss",
        "train debe devolver un dict con las claves w, b y loss"))
    w, b = as_array(got["w"], what="train(...)[\"w\"]"), as_array(got["b"], what="train(...)[\"b\"]")
    require(w.size == N_FEATURES and b.size == 1, t(
        f"train returned w of shape {w.shape} and b of shape {b.shape}; expected ({N_FEATURES}, 1) and (1,)",
        f"train devolvió w de forma {w.shape} y b de forma {b.shape}; se esperaban ({N_FEATURES}, 1) y (1,)"))
    A = np.c_[X.astype(np.float64), np.ones(len(X))]
    best = np.linalg.lstsq(A, y.astype(np.float64), rcond=None)[0].ravel()
    fitted = np.r_[w.ravel(), b.ravel()]
    require(np.all(np.isfinite(fitted)), t(
        f"train returned w = {w.ravel().tolist()} and b = {b.ravel().tolist()}: the training diverged. Is the loss "
        "the mean of the squared errors (tf.reduce_mean)? A sum makes every step as many times larger as there "
        "are rows in the batch",
        f"train devolvió w = {w.ravel().tolist()} y b = {b.ravel().tolist()}: el entrenamiento divergió. ¿La "
        "pérdida es la media de los errores al cuadrado (tf.reduce_mean)? Una suma hace cada paso tantas veces "
        "más grande como filas tenga el lote"))
    gap = float(np.max(np.abs(fitted - best)))
    runs = used.get("session.run", 0)
    if runs >= 100:  # the steps were run: the weights went wrong another way
        why_en = ("train_op did run once per mini-batch, so look at what undoes the steps: init must run once, "
                  "before the loop (each run resets w and b to zero), and y must be fed with shape (n, 1)")
        why_es = ("train_op sí se ejecutó una vez por mini-lote, así que busca lo que deshace los pasos: init debe "
                  "ejecutarse una vez, antes del ciclo (cada ejecución vuelve w y b a cero), e y debe alimentarse con "
                  "forma (n, 1)")
    else:
        why_en = "400 rows in batches of 20 make 100 steps: run train_op once per mini-batch, not once per epoch"
        why_es = "400 filas en lotes de 20 son 100 pasos: ejecuta train_op una vez por mini-lote, no una vez por época"
    require(gap < 0.03, t(
        f"after 5 epochs of mini-batches of 20 rows (learning rate 0.05) your weights {np.round(fitted, 3).tolist()} "
        f"are {gap:.3f} away from the least-squares fit {np.round(best, 3).tolist()}. {why_en}",
        f"tras 5 épocas de mini-lotes de 20 filas (tasa 0.05) tus pesos {np.round(fitted, 3).tolist()} están a "
        f"{gap:.3f} del ajuste por mínimos cuadrados {np.round(best, 3).tolist()}. {why_es}"))
    loss = as_array(got["loss"], what="train(...)[\"loss\"]")
    want = float(np.mean((A @ fitted - y.ravel().astype(np.float64)) ** 2))
    require(loss.size == 1 and np.isclose(float(loss.reshape(())), want, rtol=1e-3, atol=1e-6), t(
        f"train(...)[\"loss\"] is {loss.ravel()[:3].tolist()}; the mean squared error of your w and b on all the "
        f"data is {want:.6g}: run the loss once more at the end, feeding all of X and y",
        f"train(...)[\"loss\"] es {loss.ravel()[:3].tolist()}; el error cuadrático medio de tus w y b en todos "
        f"los datos es {want:.6g}: ejecuta la pérdida una vez más al final, con todo X e y"))
    require(runs >= 100, t(
        f"the weights are right, but train() ran a session only {counted(runs, 'time')}: 400 rows in mini-batches of "
        "20 for 5 epochs are 100 steps, each one sess.run(train_op, feed_dict=...) on the graph of build_model. "
        "Weights computed another way (least squares in closed form, gradient descent in NumPy) skip what the "
        "exercise is about",
        f"los pesos son correctos, pero train() ejecutó una sesión solo {counted(runs, 'time')}: 400 filas en "
        "mini-lotes de 20 durante 5 épocas son 100 pasos, cada uno un sess.run(train_op, feed_dict=...) sobre el "
        "grafo de build_model. Unos pesos calculados de otra forma (mínimos cuadrados en forma cerrada, descenso por "
        "gradiente en NumPy) se saltan de qué trata el ejercicio"))


@pytest.mark.points(2)
@pytest.mark.title(en="train() takes one gradient-descent step per mini-batch",
                   es="train() da un paso de descenso por gradiente por mini-lote")
def test_train_steps(submission):
    """With one mini-batch per epoch the order of the rows does not matter: 3 epochs are 3 plain steps."""
    X, y = hidden_data(507, 60)
    lr, epochs = 0.05, 3
    got = call(submission.train, X, y, learning_rate=lr, epochs=epochs, batch_size=len(X), seed=5)
    require(isinstance(got, dict) and all(k in got for k in ("w", "b")), t(
        "train must return a dict with the keys w, b and loss",
        "train debe devolver un dict con las claves w, b y loss"))
    values = {name: as_array(got[name], what=f"train(...)[\"{name}\"]") for name in ("w", "b")}
    check_plain_steps(values, X, y, lr, epochs,
                      what_en=f"after train(..., epochs={epochs}, batch_size=n): {epochs} runs of train_op with "
                              f"learning rate {lr} from w = 0 and b = 0, one per mini-batch (here the whole data set)",
                      what_es=f"tras train(..., epochs={epochs}, batch_size=n): {epochs} ejecuciones de train_op con "
                              f"tasa {lr} desde w = 0 y b = 0, uno por mini-lote (aquí todo el conjunto)")