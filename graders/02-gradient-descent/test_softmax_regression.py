"""Grader for gradient-descent/softmax-regression.

The math is checked on small random problems (fixed seeds) against the reference and, independently, against
a centred numerical gradient computed here on the trusted side. Then the learner's own train() and predict()
run on MNIST in the worker; the test labels stay here and the accuracy is scored here.

Thresholds (held-out accuracy after 30 epochs of batch gradient descent, lr 0.5, from zeros):
  offline subset (4,000 train / 1,000 test): the reference measures 0.885; the check asks for 0.86.
  full MNIST (at most 20,000 training images, the 10,000 test images): 0.87, a conservative value below the
  ~0.92 the literature reports for softmax regression trained to convergence (30 full-batch steps train it
  much less); NOT measured here (no full MNIST on the build machine).
The check never asks for more than the reference's own accuracy on the same run minus 0.02, so that an
unmeasured threshold cannot fail a correct learner and a misconception variant can still be recognised. The
reference is trained here only when the learner's run falls short, so a passing grade trains once.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from tutor.grading.checks import check_array, counted, error_band, first_divergence, relative_error, t

LR, EPOCHS = 0.5, 30  # 30 steps: the subset's grade stays within a few seconds
N_TRAIN_MAX = 20_000  # full MNIST: bounds the time and the worker's memory (float64 rows cross the wire)
THRESHOLD_SUBSET = 0.86  # the reference measures 0.885 on the offline subset
THRESHOLD_FULL = 0.87  # literature-based, not measured here
MARGIN = 0.02


# --- trusted math --------------------------------------------------------------------------------------

def _mean_ce(x: np.ndarray, y: np.ndarray, W: np.ndarray, b: np.ndarray) -> float:
    """Mean cross-entropy of softmax regression, written independently of the reference (log-sum-exp)."""
    z = x @ W + b
    z = z - z.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return float(-logp[np.arange(len(y)), y].mean())


def _numerical(f: Any, arr: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Centred differences of f() with respect to every entry of arr (changed in place, then restored)."""
    grad = np.zeros_like(arr)
    for i in np.ndindex(arr.shape):
        old = arr[i]
        arr[i] = old + h
        plus = f()
        arr[i] = old - h
        minus = f()
        arr[i] = old
        grad[i] = (plus - minus) / (2 * h)
    return grad


def _problem(seed: int, n: int, d: int = 6, k: int = 4) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d))
    y = rng.integers(0, k, size=n)
    if n >= k:
        y[:k] = np.arange(k)  # every class appears
    W = rng.normal(scale=0.5, size=(d, k))
    b = rng.normal(scale=0.5, size=k)
    return x, y, W, b


def _pair(out: Any, what: str, names: str) -> tuple[Any, ...]:
    if not isinstance(out, (tuple, list)):
        raise AssertionError(t(f"{what} must return a tuple {names}, got {type(out).__name__}",
                               f"{what} debe devolver una tupla {names}, llegó {type(out).__name__}"))
    want = names.count(",") + 1
    if len(out) != want:
        raise AssertionError(t(f"{what} must return {want} values {names}, got {len(out)}",
                               f"{what} debe devolver {want} valores {names}, llegaron {len(out)}"))
    return tuple(out)


def _losses(out: Any, what: str) -> np.ndarray:
    try:
        arr = np.asarray(out, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        raise AssertionError(t(f"{what}: losses must be a list of numbers", f"{what}: losses debe ser una lista "
                               "de números")) from None
    return arr


# --- the math ------------------------------------------------------------------------------------------

@pytest.mark.points(1)
@pytest.mark.title(en="prepare(): rows of pixels in [0, 1]", es="prepare(): filas de píxeles en [0, 1]")
def test_prepare(submission, reference, mnist):
    images = mnist.x_train[:16]
    got = submission.prepare(images)
    check_array(got, reference.prepare(images), what="prepare(images)")
    assert np.asarray(got).dtype.kind == "f", t(
        "prepare() must return floats (divide by 255.0), not integers",
        "prepare() debe devolver flotantes (divide por 255.0), no enteros")


@pytest.mark.points(1.5)
@pytest.mark.title(en="softmax(): probabilities, also for large scores", es="softmax(): probabilidades, también con "
                   "puntajes grandes")
def test_softmax(submission, reference):
    rng = np.random.default_rng(11)
    z = rng.normal(scale=3.0, size=(9, 5))
    got = submission.softmax(z)
    arr = np.asarray(got, dtype=np.float64) if isinstance(got, (np.ndarray, list, tuple)) else None
    if arr is not None and arr.shape == z.shape and np.allclose(arr.sum(axis=0), 1.0) \
            and not np.allclose(arr.sum(axis=1), 1.0):
        raise AssertionError(t(
            "softmax(z): each column of your result sums to 1, not each row: the probabilities of one example are "
            "a row of z (n examples x k classes), so take the maximum and the sum along axis=1 with keepdims=True",
            "softmax(z): cada columna de tu resultado suma 1, no cada fila: las probabilidades de un ejemplo son "
            "una fila de z (n ejemplos x k clases), así que toma el máximo y la suma a lo largo de axis=1 con "
            "keepdims=True"))
    check_array(got, reference.softmax(z), what="softmax(z)")
    big = np.array([[1000.0, 1001.0, 1002.0], [-1000.0, 0.0, 1000.0], [5.0, 5.0, 5.0]])
    got = np.asarray(submission.softmax(big), dtype=np.float64)
    if got.shape == big.shape and not np.isfinite(got[2]).all() and np.isfinite(got[0]).all():
        # The row holding the batch's largest score is fine and [5, 5, 5] is 0/0: one maximum for the whole batch.
        raise AssertionError(t(
            "softmax([[1000, 1001, 1002], [-1000, 0, 1000], [5, 5, 5]]) gives NaN in the row [5, 5, 5] only: you "
            "subtract the largest score of the whole batch (1002), so exp(5 - 1002) underflows to 0 and that row "
            "is 0 / 0. Subtract each row's own maximum: z.max(axis=1, keepdims=True)",
            "softmax([[1000, 1001, 1002], [-1000, 0, 1000], [5, 5, 5]]) da NaN solo en la fila [5, 5, 5]: restas "
            "el mayor puntaje de todo el lote (1002), así que exp(5 - 1002) se anula y esa fila queda 0 / 0. Resta "
            "el máximo de cada fila: z.max(axis=1, keepdims=True)"))
    assert got.shape == big.shape and np.all(np.isfinite(got)), t(
        "softmax([[1000, 1001, 1002], ...]) is not finite: exp(1000) overflows. Subtract each row's maximum "
        "before np.exp (the result does not change)",
        "softmax([[1000, 1001, 1002], ...]) no es finito: exp(1000) se desborda. Resta el máximo de cada fila "
        "antes de np.exp (el resultado no cambia)")
    check_array(got, reference.softmax(big), what="softmax([[1000, 1001, 1002], ...])")


@pytest.mark.points(1)
@pytest.mark.title(en="cross_entropy(): mean of -log p of the true class", es="cross_entropy(): media de -log p de la "
                   "clase verdadera")
def test_cross_entropy(submission, reference):
    rng = np.random.default_rng(12)
    probs = reference.softmax(rng.normal(size=(8, 4)))
    y = rng.integers(0, 4, size=8)
    got = submission.cross_entropy(probs, y)
    assert np.ndim(got) == 0, t(f"cross_entropy must return one number (the mean), got shape {np.shape(got)}",
                                f"cross_entropy debe devolver un número (la media), llegó forma {np.shape(got)}")
    check_array(float(got), reference.cross_entropy(probs, y), what="cross_entropy(probs, y)")


@pytest.mark.points(2)
@pytest.mark.title(en="Gradient equals the reference on a batch",
                   es="El gradiente coincide con la referencia en un lote")
def test_gradient_reference(submission, reference):
    x, y, W, b = _problem(13, n=7)
    dW, db = _pair(submission.gradients(x, y, W, b), "gradients(x, y, W, b)", "(dW, db)")
    want_dW, want_db = reference.gradients(x, y, W.copy(), b.copy())
    check_array(dW, want_dW, what="dW", rtol=1e-6)
    check_array(db, want_db, what="db", rtol=1e-6)


@pytest.mark.points(2)
@pytest.mark.title(en="Gradient passes a numerical gradient check", es="El gradiente pasa la comprobación numérica")
def test_gradient_numerical(submission):
    # One example at a time: this checks the calculus (softmax, one-hot, the chain rule) on its own; how the
    # batch is averaged is checked against the reference, where a missing 1/n is recognised and named.
    for seed in (21, 22, 23):
        x, y, W, b = _problem(seed, n=1)
        dW, db = _pair(submission.gradients(x, y, W, b), "gradients(x, y, W, b)", "(dW, db)")
        num_dW = _numerical(lambda: _mean_ce(x, y, W, b), W)
        num_db = _numerical(lambda: _mean_ce(x, y, W, b), b)
        for name, got, num in (("dW", dW, num_dW), ("db", db, num_db)):
            got = np.asarray(got, dtype=np.float64)
            if got.shape != num.shape:
                raise AssertionError(t(f"{name} has shape {got.shape}; it must have the shape {num.shape} of "
                                       f"{name[1:]}", f"{name} tiene forma {got.shape}; debe tener la forma "
                                       f"{num.shape} de {name[1:]}"))
            rel = relative_error(got, num)
            assert rel < 1e-6, t(
                f"{name} differs from the centred numerical gradient: relative error {rel:.2e} "
                f"({error_band(rel)}); the gradient of the loss with respect to the scores is softmax(z) - onehot(y)",
                f"{name} difiere del gradiente numérico centrado: error relativo {rel:.2e} ({error_band(rel)}); "
                "el gradiente de la pérdida respecto a los puntajes es softmax(z) - onehot(y)")


@pytest.mark.points(0.5)
@pytest.mark.title(en="predict(): the class with the largest score", es="predict(): la clase de mayor puntaje")
def test_predict(submission, reference):
    x, _, W, b = _problem(14, n=20)
    got = submission.predict(W, b, x)
    check_array(got, reference.predict(W, b, x), what="predict(W, b, x)")


@pytest.mark.points(1.5)
@pytest.mark.title(en="train() follows batch gradient descent step by step", es="train() sigue el descenso por "
                   "gradiente por lotes paso a paso")
def test_train_small(submission, reference):
    x, y, _, _ = _problem(15, n=24, d=5, k=3)
    x = 0.5 * x  # moderate scores: every step stays comparable, also for the recognised mistakes
    W, b, losses = _pair(submission.train(x, y, 0.5, 12, 3), "train(x, y, lr, epochs, num_classes)",
                         "(W, b, losses)")
    want_W, want_b, want_losses = reference.train(x, y, 0.5, 12, 3)
    got = _losses(losses, "train")
    assert len(got) == len(want_losses), t(
        f"losses has {counted(len(got), 'entry')} for 12 epochs; record one loss per epoch, before its update",
        f"losses tiene {counted(len(got), 'entry')} para 12 épocas; guarda una pérdida por época, antes de su paso")
    k = first_divergence(list(got), list(want_losses), rtol=1e-6)
    if k is not None:
        hint = _first_loss_hint(submission, len(x)) if k == 0 else ""
        if k > 0 and first_divergence(list(got), _ascent_losses(reference, x, y, 0.5, 12, 3), rtol=1e-6) is None:
            hint = t(": every loss is the one of gradient ascent, W += lr * dW. The gradient points uphill; step "
                     "against it: W -= lr * dW and b -= lr * db",
                     ": cada pérdida es la del ascenso por gradiente, W += lr * dW. El gradiente apunta cuesta "
                     "arriba; da el paso en contra: W -= lr * dW y b -= lr * db")
        raise AssertionError(t(f"the loss of epoch {k} is {got[k]:.6g}, expected {want_losses[k]:.6g}{hint}",
                               f"la pérdida de la época {k} es {got[k]:.6g}, se esperaba {want_losses[k]:.6g}{hint}"))
    check_array(W, want_W, what=t("W after training", "W tras entrenar"), rtol=1e-6)
    check_array(b, want_b, what=t("b after training", "b tras entrenar"), rtol=1e-6)


def _first_loss_hint(submission: Any, n: int) -> str:
    """Why the first loss is off: a softmax that is not uniform on all-zero scores, or a start that is not zeros."""
    try:
        uniform = np.asarray(submission.softmax(np.zeros((n, 3))), dtype=np.float64)
        softmax_ok = uniform.shape == (n, 3) and np.allclose(uniform, 1 / 3)
    except AssertionError:  # the learner's softmax raised: its own check says why
        softmax_ok = False
    if not softmax_ok:
        return t(" (from zeros every score is 0, and your softmax of all-zero scores is not 1/3 per class: see the "
                 "softmax() check)", " (desde ceros todos los puntajes son 0, y tu softmax de puntajes todos cero no "
                 "da 1/3 por clase: mira la comprobación de softmax())")
    return t(" (the first loss should be log(3) = 1.0986: start from zeros and record the loss before the update)",
             " (la primera pérdida debe ser log(3) = 1.0986: parte de ceros y guarda la pérdida antes del paso)")


def _ascent_losses(reference: Any, x: np.ndarray, y: np.ndarray, lr: float, epochs: int, k: int) -> list[float]:
    """The losses of the same run with the step's sign flipped (W += lr * dW), to recognise it."""
    W, b, losses = np.zeros((x.shape[1], k)), np.zeros(k), []
    with np.errstate(all="ignore"):
        for _ in range(epochs):
            losses.append(float(_mean_ce(x, y, W, b)))
            dW, db = reference.gradients(x, y, W, b)
            W, b = W + lr * dW, b + lr * db
    return losses


# --- MNIST ---------------------------------------------------------------------------------------------

_RUN: dict[str, Any] = {}


def _cached(key: str, compute: Any) -> Any:
    """One run per grade, shared by the checks; an error is kept and raised again for each check that needs it."""
    if f"{key}-error" in _RUN:
        raise _RUN[f"{key}-error"]
    if key not in _RUN:
        try:
            _RUN[key] = compute()
        except BaseException as exc:
            _RUN[f"{key}-error"] = exc
            raise
    return _RUN[key]


def _data(reference: Any, mnist: Any) -> tuple[np.ndarray, ...]:
    n = min(len(mnist.x_train), N_TRAIN_MAX)
    return (reference.prepare(mnist.x_train[:n]), mnist.y_train[:n].astype(np.int64),
            reference.prepare(mnist.x_test))


def _learner_run(submission: Any, reference: Any, mnist: Any) -> dict[str, Any]:
    """The learner's train() in the worker, once per grade."""
    def compute() -> dict[str, Any]:
        x, y, _ = _cached("data", lambda: _data(reference, mnist))
        W, b, losses = _pair(submission.train(x, y, LR, EPOCHS), "train(x, y, lr, epochs)", "(W, b, losses)")
        return {"W": W, "b": b, "losses": _losses(losses, "train"), "n": len(x)}
    return _cached("learner", compute)


def _learner_accuracy(submission: Any, reference: Any, mnist: Any) -> float:
    run = _learner_run(submission, reference, mnist)
    x_test = _cached("data", lambda: _data(reference, mnist))[2]
    pred = np.asarray(submission.predict(run["W"], run["b"], x_test))
    if pred.shape != (len(x_test),):
        raise AssertionError(t(
            f"predict(W, b, x_test) returned shape {pred.shape}; expected ({len(x_test)},): one class per image",
            f"predict(W, b, x_test) devolvió forma {pred.shape}; se esperaba ({len(x_test)},): una clase por imagen"))
    return float(np.mean(pred == mnist.y_test))


def _reference_run(reference: Any, mnist: Any) -> dict[str, Any]:
    """The same run with the reference, here; only needed when the learner's run falls short (see the top)."""
    def compute() -> dict[str, Any]:
        x, y, x_test = _cached("data", lambda: _data(reference, mnist))
        W, b, losses = reference.train(x, y, LR, EPOCHS)
        return {"losses": np.asarray(losses, dtype=np.float64),
                "accuracy": float(np.mean(reference.predict(W, b, x_test) == mnist.y_test))}
    return _cached("reference", compute)


def _plain(values: np.ndarray) -> list[float | None]:
    return [float(v) if math.isfinite(v) else None for v in values]


def _falls(losses: np.ndarray) -> bool:
    return len(losses) > 1 and bool(np.all(np.isfinite(losses))) and losses[-1] < losses[0]


@pytest.mark.points(1.5)
@pytest.mark.title(en="MNIST: the loss falls", es="MNIST: la pérdida baja")
def test_mnist_loss_falls(submission, reference, mnist, record):
    run = _learner_run(submission, reference, mnist)
    got = run["losses"]
    record.artifact("loss_curve", {"x_label": "epoch", "y_label": "cross-entropy", "x": list(range(1, len(got) + 1)),
                                   "y": _plain(got)})
    assert len(got) == EPOCHS, t(f"train returned {counted(len(got), 'loss')} for {EPOCHS} epochs; one per epoch",
                                 f"train devolvió {counted(len(got), 'loss')} para {EPOCHS} épocas; una por época")
    # The reference's loss always falls; a recognised mistake may make the variant's own loss blow up, and then
    # the learner who made it is not asked for more.
    if _falls(got) or not _falls(_reference_run(reference, mnist)["losses"]):
        return
    assert np.all(np.isfinite(got)), t(
        "the loss became inf or NaN during training: does each step go against the gradient (W -= lr * dW, not "
        "+=), is the gradient averaged over the batch rather than summed, and is no log(0) taken? If a check "
        "above failed (softmax, gradients), fix that first",
        "la pérdida se volvió inf o NaN al entrenar: ¿cada paso va en contra del gradiente (W -= lr * dW, no +=), "
        "el gradiente se promedia sobre el lote en lugar de sumarse, y no se toma un log(0)? Si falló una "
        "comprobación anterior (softmax, gradientes), arregla eso primero")
    raise AssertionError(t(
        f"the loss went from {got[0]:.4f} to {got[-1]:.4f} in {EPOCHS} epochs: it should fall. Check the sign of "
        "the update (W -= lr * dW) and the size of the gradient (divided by n): steps that are too large make the "
        "loss rise. If a check above failed (softmax, gradients), fix that first",
        f"la pérdida pasó de {got[0]:.4f} a {got[-1]:.4f} en {EPOCHS} épocas: debería bajar. Revisa el signo del "
        "paso (W -= lr * dW) y el tamaño del gradiente (dividido por n): pasos demasiado grandes hacen subir la "
        "pérdida. Si falló una comprobación anterior (softmax, gradientes), arregla eso primero"))


@pytest.mark.points(3)
@pytest.mark.title(en="MNIST: held-out accuracy", es="MNIST: exactitud en datos de prueba")
def test_mnist_accuracy(submission, reference, mnist, record):
    run = _learner_run(submission, reference, mnist)
    acc = _learner_accuracy(submission, reference, mnist)  # the learner's predict() in the worker, scored here
    threshold = THRESHOLD_FULL if mnist.full else THRESHOLD_SUBSET
    record.metric("test_accuracy", round(acc, 4))
    record.metric("train_images", run["n"])
    if acc >= threshold:
        return
    need = min(threshold, _reference_run(reference, mnist)["accuracy"] - MARGIN)
    assert acc >= need, t(
        f"test accuracy {acc:.4f} after {EPOCHS} epochs of batch gradient descent (lr {LR}) on {run['n']} images; "
        f"at least {need:.2f} is expected. Check that train() updates W and b with the gradients and that predict() "
        "takes the argmax over the classes (axis=1)",
        f"exactitud de prueba {acc:.4f} tras {EPOCHS} épocas de descenso por gradiente por lotes (lr {LR}) con "
        f"{run['n']} imágenes; se espera al menos {need:.2f}. Revisa que train() actualice W y b con los gradientes "
        "y que predict() tome el argmax sobre las clases (axis=1)")
