"""Grader for tf-intro/gradient-tape: gradients from the tape against the formula, then a mini-batch fit on
hidden data (made here with a seed, sent to the worker) checked against least squares and against plain
gradient descent step by step.

For the mean squared error L = mean(r²), r = X·w + b − y: dL/dw = 2·Xᵀr / n and dL/db = 2·mean(r). That formula
is also what a learner can write in NumPy without TensorFlow, so the numbers alone cannot tell the tape was used:
the `observer` counts the calls to GradientTape.gradient in the worker while the learner's function runs.
"""
from __future__ import annotations

import numpy as np
import pytest

from _tf_intro import as_array, call, check_plain_steps, require
from tutor.grading.checks import check_array, t

NO_TAPE = {
    "loss_and_gradients": (
        "loss_and_gradients returned the right numbers, but no tf.GradientTape computed them (tape.gradient was "
        "never called while it ran): this exercise is about automatic differentiation, so the formula written by "
        "hand does not count. Compute the loss inside `with tf.GradientTape() as tape:` with TensorFlow operations "
        "on tf.Variable objects, then dw, db = tape.gradient(loss, [w, b])",
        "loss_and_gradients devolvió los números correctos, pero ninguna tf.GradientTape los calculó (nunca se "
        "llamó a tape.gradient mientras se ejecutaba): este ejercicio es sobre diferenciación automática, así que "
        "la fórmula escrita a mano no cuenta. Calcula la pérdida dentro de `with tf.GradientTape() as tape:` con "
        "operaciones de TensorFlow sobre objetos tf.Variable y luego dw, db = tape.gradient(loss, [w, b])"),
    "fit": (
        "fit's weights did not come from a tf.GradientTape (tape.gradient was never called while it ran): take "
        "each step with the tape's gradients, optimizer.apply_gradients(zip(tape.gradient(loss, [w, b]), [w, b])), "
        "not with a gradient written by hand",
        "los pesos de fit no vinieron de una tf.GradientTape (nunca se llamó a tape.gradient mientras se "
        "ejecutaba): da cada paso con los gradientes de la cinta, "
        "optimizer.apply_gradients(zip(tape.gradient(loss, [w, b]), [w, b])), no con un gradiente escrito a mano"),
}


def require_tape(used: dict[str, int], function: str) -> None:
    en, es = NO_TAPE[function]
    require(used.get("tape.gradient", 0) > 0, t(en, es))


N_FEATURES = 3


def hidden_data(seed: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(0, 1, (n, N_FEATURES))
    X[:, 1] = 2 * X[:, 1] + 1
    w, b = rng.uniform(-2, 2, N_FEATURES), rng.uniform(-1, 1)
    y = X @ w + b + rng.normal(0, 0.1, n)
    return X.astype(np.float32), y.reshape(-1, 1).astype(np.float32)


def eager_value(value: object, what: str) -> np.ndarray:
    if value is None:
        raise AssertionError(t(
            f"{what} is None: tape.gradient gives None when the tape saw no path from the loss to the variable. "
            "Compute the loss inside `with tf.GradientTape() as tape:` with TensorFlow operations on tf.Variable "
            "objects",
            f"{what} es None: tape.gradient da None cuando la cinta no vio un camino de la pérdida a la variable. "
            "Calcula la pérdida dentro de `with tf.GradientTape() as tape:` con operaciones de TensorFlow sobre "
            "objetos tf.Variable"))
    return as_array(value, what=what, eager=True)


@pytest.mark.points(4)
@pytest.mark.title(en="Gradients from the tape", es="Gradientes de la cinta")
def test_gradients(submission, observer):
    X, y = hidden_data(71, 30)
    rng = np.random.default_rng(72)
    for _ in range(2):
        w = rng.normal(0, 1, (N_FEATURES, 1)).astype(np.float32)
        b = rng.normal(0, 1, 1).astype(np.float32)
        got, used = observer.during(lambda: call(submission.loss_and_gradients, X, y, w, b))
        require(isinstance(got, (tuple, list)) and len(got) == 3, t(
            "loss_and_gradients must return three values: (loss, dloss/dw, dloss/db)",
            "loss_and_gradients debe devolver tres valores: (pérdida, dpérdida/dw, dpérdida/db)"))
        loss, dw, db = (eager_value(v, name) for v, name in zip(got, ("loss", "dloss/dw", "dloss/db")))
        X64, y64, w64, b64 = (a.astype(np.float64) for a in (X, y, w, b))
        r = X64 @ w64 + b64 - y64
        check_array(loss.reshape(()) if loss.size == 1 else loss, np.float64(np.mean(r ** 2)), what="loss",
                    rtol=1e-4)
        check_array(dw, 2 * X64.T @ r / len(X), what="dloss/dw", rtol=1e-4, atol=1e-5)
        check_array(db.reshape(1) if db.size == 1 else db, np.array([2 * r.mean()]), what="dloss/db", rtol=1e-4,
                    atol=1e-5)
        require_tape(used, "loss_and_gradients")


@pytest.mark.points(3)
@pytest.mark.title(en="Mini-batch training recovers the weights",
                   es="El entrenamiento por mini-lotes recupera los pesos")
def test_fit(submission, observer):
    X, y = hidden_data(505, 400)
    got, used = observer.during(lambda: call(submission.fit, X, y, learning_rate=0.05, epochs=5, batch_size=20,
                                             seed=3))
    require(isinstance(got, dict) and all(k in got for k in ("w", "b", "loss")), t(
        "fit must return a dict with the keys w, b and loss", "fit debe devolver un dict con las claves w, b y loss"))
    w, b = eager_value(got["w"], "fit(...)[\"w\"]"), eager_value(got["b"], "fit(...)[\"b\"]")
    require(w.size == N_FEATURES and b.size == 1, t(
        f"fit returned w of shape {w.shape} and b of shape {b.shape}; expected ({N_FEATURES}, 1) and (1,)",
        f"fit devolvió w de forma {w.shape} y b de forma {b.shape}; se esperaban ({N_FEATURES}, 1) y (1,)"))
    A = np.c_[X.astype(np.float64), np.ones(len(X))]
    best = np.linalg.lstsq(A, y.astype(np.float64), rcond=None)[0].ravel()
    fitted = np.r_[w.ravel(), b.ravel()]
    require(np.all(np.isfinite(fitted)), t(
        f"fit returned w = {w.ravel().tolist()} and b = {b.ravel().tolist()}: the training diverged. Is the loss "
        "the mean of the squared errors (tf.reduce_mean)? A sum makes every step as many times larger as there "
        "are rows in the batch",
        f"fit devolvió w = {w.ravel().tolist()} y b = {b.ravel().tolist()}: el entrenamiento divergió. ¿La "
        "pérdida es la media de los errores al cuadrado (tf.reduce_mean)? Una suma hace cada paso tantas veces "
        "más grande como filas tenga el lote"))
    gap = float(np.max(np.abs(fitted - best)))
    require(gap < 0.03, t(
        f"after 5 epochs of mini-batches of 20 rows (learning rate 0.05) your weights {np.round(fitted, 3).tolist()} "
        f"are {gap:.3f} away from the least-squares fit {np.round(best, 3).tolist()}: take one optimizer step per "
        "mini-batch (100 in all), with w and b starting at zero",
        f"tras 5 épocas de mini-lotes de 20 filas (tasa 0.05) tus pesos {np.round(fitted, 3).tolist()} están a "
        f"{gap:.3f} del ajuste por mínimos cuadrados {np.round(best, 3).tolist()}: da un paso del optimizador por "
        "mini-lote (100 en total), con w y b empezando en cero"))
    require_tape(used, "fit")


@pytest.mark.points(1)
@pytest.mark.title(en="Each step is one gradient-descent step from zero",
                   es="Cada paso es un paso de descenso por gradiente desde cero")
def test_fit_steps(submission):
    """With one mini-batch per epoch the order of the rows does not matter: 3 epochs are 3 plain steps."""
    X, y = hidden_data(507, 60)
    lr, epochs = 0.05, 3
    got = call(submission.fit, X, y, learning_rate=lr, epochs=epochs, batch_size=len(X), seed=5)
    require(isinstance(got, dict) and all(k in got for k in ("w", "b")), t(
        "fit must return a dict with the keys w, b and loss", "fit debe devolver un dict con las claves w, b y loss"))
    values = {name: eager_value(got[name], f"fit(...)[\"{name}\"]") for name in ("w", "b")}
    check_plain_steps(values, X, y, lr, epochs,
                      what_en=f"after fit(..., epochs={epochs}, batch_size=n): {epochs} steps of SGD with learning "
                              f"rate {lr} from w = 0 and b = 0, one per mini-batch (here the whole data set)",
                      what_es=f"tras fit(..., epochs={epochs}, batch_size=n): {epochs} pasos de SGD con tasa {lr} "
                              "desde w = 0 y b = 0, uno por mini-lote (aquí todo el conjunto)")


@pytest.mark.points(2)
@pytest.mark.title(en="The final loss", es="La pérdida final")
def test_fit_loss(submission):
    X, y = hidden_data(506, 200)
    got = call(submission.fit, X, y, learning_rate=0.05, epochs=3, batch_size=25, seed=4)
    require(isinstance(got, dict) and all(k in got for k in ("w", "b", "loss")), t(
        "fit must return a dict with the keys w, b and loss", "fit debe devolver un dict con las claves w, b y loss"))
    w, b = eager_value(got["w"], "fit(...)[\"w\"]"), eager_value(got["b"], "fit(...)[\"b\"]")
    loss = eager_value(got["loss"], "fit(...)[\"loss\"]")
    fitted = np.r_[w.ravel(), b.ravel()]
    want = float(np.mean((np.c_[X.astype(np.float64), np.ones(len(X))] @ fitted - y.ravel()) ** 2))
    require(loss.size == 1 and np.isclose(float(loss.reshape(())), want, rtol=1e-3, atol=1e-6), t(
        f"fit(...)[\"loss\"] is {loss.ravel()[:3].tolist()}; the mean squared error of your w and b on all the data "
        f"is {want:.6g}: compute the loss once more at the end, on all of X and y",
        f"fit(...)[\"loss\"] es {loss.ravel()[:3].tolist()}; el error cuadrático medio de tus w y b en todos los "
        f"datos es {want:.6g}: calcula la pérdida una vez más al final, con todo X e y"))
