"""Grader for gradient-descent/minibatch: the workshop's inner loop over mini-batches.

The order of the examples is pinned down (rng = default_rng(seed) once, rng.permutation(n) each epoch), so every
batch can be compared with the reference's. A gradient function from this side is passed to the learner's
train_minibatch() as a callback: it sees the rows of every batch, so the grader counts the updates of each
epoch (ceil(n / b)) and checks that each example is used exactly once per epoch.

Thresholds (held-out accuracy after 5 epochs, batch size 64, lr 0.5, seed 0, from zeros):
  offline subset (4,000 train / 1,000 test): the reference measures 0.911; the check asks for 0.89.
  full MNIST (at most 20,000 training images, the 10,000 test images): 0.90, a conservative value below the
  ~0.92 the literature reports for softmax regression trained with mini-batches; NOT measured here.
The check never asks for more than the reference's own accuracy on the same run minus 0.02 (trained here
only when the learner's run falls short, so a passing grade trains once).
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from tutor.grading.checks import check_array, counted, first_divergence, t

LR, EPOCHS, BATCH, SEED = 0.5, 5, 64, 0
N_TRAIN_MAX = 20_000
THRESHOLD_SUBSET = 0.89  # the reference measures 0.911 on the offline subset
THRESHOLD_FULL = 0.90  # literature-based, not measured here
MARGIN = 0.02


def _triple(out: Any, what: str, names: str) -> tuple[Any, ...]:
    want = names.count(",") + 1
    if not isinstance(out, (tuple, list)) or len(out) != want:
        raise AssertionError(t(f"{what} must return {want} values {names}, got {type(out).__name__}",
                               f"{what} debe devolver {want} valores {names}, llegó {type(out).__name__}"))
    return tuple(out)


def _batches(out: Any, what: str) -> list[np.ndarray]:
    """What minibatches() produced (a generator stays in the worker: listing it runs there)."""
    try:
        # A comprehension, not list(): list() asks a remote generator for len() first, which generators lack.
        items = [item for item in out]
    except TypeError:
        raise AssertionError(t(f"{what} must yield index arrays (use yield, or return a list)",
                               f"{what} debe producir arreglos de índices (usa yield, o devuelve una "
                               "lista)")) from None
    batches = []
    for k, item in enumerate(items):
        arr = np.asarray(item)
        if arr.ndim != 1 or (arr.size and arr.dtype.kind not in "iu"):
            raise AssertionError(t(f"{what}: batch {k} is not a 1-D array of integer indices ({arr.dtype}, "
                                   f"shape {arr.shape})", f"{what}: el lote {k} no es un arreglo 1-D de índices "
                                   f"enteros ({arr.dtype}, forma {arr.shape})"))
        batches.append(arr.astype(np.int64))
    return batches


def _describe_epoch(got: list[np.ndarray], n: int, b: int, what: str) -> str:
    """Why one epoch's batches are not the expected ones, in the learner's terms."""
    want_count = math.ceil(n / b)
    if len(got) != want_count:
        return t(f"{what}: {counted(len(got), 'batch')} for n = {n}, batch_size = {b}; expected ceil({n} / {b}) = "
                 f"{want_count} (keep the last, smaller batch)",
                 f"{what}: {counted(len(got), 'batch')} para n = {n}, batch_size = {b}; se esperaban ceil({n} / {b}) = "
                 f"{want_count} (conserva el último lote, más pequeño)")
    seen = np.concatenate(got) if got else np.array([], dtype=np.int64)
    counts = np.bincount(seen[(seen >= 0) & (seen < n)], minlength=n)
    if len(seen) != n or np.any(counts != 1):
        missing = np.flatnonzero(counts == 0)[:5].tolist()
        twice = np.flatnonzero(counts > 1)[:5].tolist()
        return t(f"{what}: every index 0..{n - 1} must appear exactly once; missing {missing}, repeated {twice}",
                 f"{what}: cada índice 0..{n - 1} debe aparecer exactamente una vez; faltan {missing}, "
                 f"repetidos {twice}")
    sizes, want_sizes = [len(g) for g in got], [min(b, n - i) for i in range(0, n, b)]
    if sizes != want_sizes:
        return t(f"{what}: batch sizes {sizes}, expected {want_sizes}: cut consecutive slices of batch_size and "
                 "let only the last one be smaller (np.array_split evens the sizes out instead)",
                 f"{what}: tamaños de lote {sizes}, se esperaban {want_sizes}: corta tramos consecutivos de "
                 "batch_size y deja que solo el último sea más pequeño (np.array_split en cambio iguala los "
                 "tamaños)")
    if np.array_equal(seen, np.arange(n)):
        return t(f"{what}: the indices come in order 0, 1, 2, ...: shuffle them with rng.permutation(n)",
                 f"{what}: los índices vienen en orden 0, 1, 2, ...: barájalos con rng.permutation(n)")
    return t(f"{what}: the batches are not the slices of rng.permutation(n) in order; use order = "
             "rng.permutation(n) once and yield order[0:b], order[b:2b], ... (np.random.permutation and "
             "np.random.shuffle draw from NumPy's global generator, not from the rng you are given)",
             f"{what}: los lotes no son los cortes de rng.permutation(n) en orden; usa order = rng.permutation(n) "
             "una vez y produce order[0:b], order[b:2b], ... (np.random.permutation y np.random.shuffle sacan del "
             "generador global de NumPy, no del rng que recibes)")


class BatchWatcher:
    """A gradient function for the learner's loop that notes which rows each update used."""

    def __init__(self, x: np.ndarray, reference: Any) -> None:
        self.row_of = {row.tobytes(): i for i, row in enumerate(x)}
        self.reference = reference
        self.calls: list[np.ndarray] = []

    def __call__(self, xb: Any, yb: Any, W: Any, b: Any) -> tuple[float, np.ndarray, np.ndarray]:
        xb = np.asarray(xb, dtype=np.float64)
        if xb.ndim != 2:
            raise ValueError(f"grad_fn expects x[idx] with shape (batch, d), got shape {xb.shape}")
        self.calls.append(np.array([self.row_of.get(r.tobytes(), -1) for r in xb], dtype=np.int64))
        loss, dW, db = self.reference.loss_and_gradients(xb, np.asarray(yb).astype(np.int64),
                                                         np.asarray(W, dtype=np.float64),
                                                         np.asarray(b, dtype=np.float64))
        return float(loss), dW, db


def _problem(seed: int, n: int, d: int = 5, k: int = 3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = 0.5 * rng.normal(size=(n, d))
    y = rng.integers(0, k, size=n)
    return x, y


def _check_loop(submission: Any, reference: Any, n: int, b: int, epochs: int, seed: int) -> None:
    x, y = _problem(100 + n, n)
    mine, ref = BatchWatcher(x, reference), BatchWatcher(x, reference)
    call = f"train_minibatch(x, y, lr=0.5, epochs={epochs}, batch_size={b}, seed={seed}, num_classes=3, grad_fn=...)"
    W, bias, losses = _triple(submission.train_minibatch(x, y, 0.5, epochs, b, seed, 3, mine), call,
                              "(W, b, losses)")
    want_W, want_b, want_losses = reference.train_minibatch(x, y, 0.5, epochs, b, seed, 3, ref)
    per_epoch = len(ref.calls) // epochs
    assert mine.calls, t(f"{call} never called grad_fn: when grad_fn is given, use it for every update",
                         f"{call} nunca llamó a grad_fn: si se da grad_fn, úsalo en cada actualización")
    if len(mine.calls) != len(ref.calls):
        if len(mine.calls) % epochs == 0:
            raise AssertionError(_describe_epoch(mine.calls[:len(mine.calls) // epochs], n, b,
                                                  t(f"{call}, epoch 0", f"{call}, época 0")))
        made = counted(len(mine.calls), "update")
        raise AssertionError(t(f"{call} made {made}; expected {epochs} epochs x ceil({n} / {b}) = {len(ref.calls)}",
                               f"{call} hizo {made}; se esperaban {epochs} épocas x ceil({n} / {b}) = "
                               f"{len(ref.calls)}"))
    for e in range(epochs):
        got, want = mine.calls[e * per_epoch:(e + 1) * per_epoch], ref.calls[e * per_epoch:(e + 1) * per_epoch]
        if not all(np.array_equal(g, w) for g, w in zip(got, want)):
            if e > 0 and all(np.array_equal(g, w) for g, w in zip(got, mine.calls[:per_epoch])):
                raise AssertionError(t(
                    f"{call}: epoch {e} uses the same batches as epoch 0; make rng = np.random.default_rng(seed) "
                    "once, before the epochs, so each epoch gets a new order",
                    f"{call}: la época {e} usa los mismos lotes que la época 0; crea rng = "
                    "np.random.default_rng(seed) una sola vez, antes de las épocas, para que cada época tenga un "
                    "orden nuevo"))
            raise AssertionError(_describe_epoch(got, n, b, t(f"{call}, epoch {e}", f"{call}, época {e}")))
    got_losses = np.asarray(losses, dtype=np.float64).reshape(-1)
    assert len(got_losses) == len(want_losses), t(
        f"{call}: losses has {counted(len(got_losses), 'entry')} for {len(want_losses)} updates: append the loss "
        "grad_fn returns at every update (one per mini-batch, not one per epoch)",
        f"{call}: losses tiene {counted(len(got_losses), 'entry')} para {len(want_losses)} actualizaciones: guarda "
        "la pérdida que devuelve grad_fn en cada actualización (una por mini-lote, no una por época)")
    k = first_divergence(list(got_losses), list(want_losses), rtol=1e-6)
    assert k is None, t(
        f"{call}: losses must hold the loss grad_fn returned for each update ({len(want_losses)} of them); "
        f"entry {k} differs", f"{call}: losses debe guardar la pérdida que devolvió grad_fn en cada actualización "
        f"({len(want_losses)}); la entrada {k} difiere")
    check_array(W, want_W, what=t("W after training", "W tras entrenar"), rtol=1e-6)
    check_array(bias, want_b, what=t("b after training", "b tras entrenar"), rtol=1e-6)


# --- the pieces ----------------------------------------------------------------------------------------

@pytest.mark.points(1.5)
@pytest.mark.title(en="loss_and_gradients() and predict() on a batch", es="loss_and_gradients() y predict() en un "
                   "lote")
def test_loss_and_gradients(submission, reference):
    rng = np.random.default_rng(31)
    x, y = rng.normal(size=(7, 6)), rng.integers(0, 4, size=7)
    W, b = rng.normal(scale=0.5, size=(6, 4)), rng.normal(scale=0.5, size=4)
    loss, dW, db = _triple(submission.loss_and_gradients(x, y, W, b), "loss_and_gradients(x, y, W, b)",
                           "(loss, dW, db)")
    want = reference.loss_and_gradients(x, y, W.copy(), b.copy())
    check_array(float(np.asarray(loss)), want[0], what="loss")
    check_array(dW, want[1], what="dW")
    check_array(db, want[2], what="db")
    check_array(submission.predict(W, b, x), reference.predict(W, b, x), what="predict(W, b, x)")


@pytest.mark.points(2)
@pytest.mark.title(en="minibatches(): ceil(n/b) shuffled batches, each index once", es="minibatches(): ceil(n/b) lotes "
                   "barajados, cada índice una vez")
def test_minibatches(submission, reference):
    for n, b, seed in ((100, 32, 5), (64, 16, 6), (10, 1, 7), (7, 10, 8)):
        what = f"minibatches({n}, {b}, rng)"
        got = _batches(submission.minibatches(n, b, seed), what)
        want = list(reference.minibatches(n, b, np.random.default_rng(seed)))
        if len(got) != len(want) or not all(np.array_equal(g, w) for g, w in zip(got, want)):
            raise AssertionError(_describe_epoch(got, n, b, what))


# --- the loop, watched through grad_fn -----------------------------------------------------------------

@pytest.mark.points(2)
@pytest.mark.title(en="Inner loop: ceil(n/b) updates per epoch, every example once", es="Ciclo interno: ceil(n/b) "
                   "actualizaciones por época, cada ejemplo una vez")
def test_updates_per_epoch(submission, reference):
    _check_loop(submission, reference, n=50, b=16, epochs=3, seed=3)


@pytest.mark.points(1)
@pytest.mark.title(en="batch_size = 1 is stochastic gradient descent", es="batch_size = 1 es descenso por gradiente "
                   "estocástico")
def test_sgd(submission, reference):
    _check_loop(submission, reference, n=12, b=1, epochs=2, seed=4)


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


def _prepare(images: np.ndarray) -> np.ndarray:
    return images.reshape(len(images), -1).astype(np.float64) / 255.0


def _data(mnist: Any) -> tuple[np.ndarray, ...]:
    n = min(len(mnist.x_train), N_TRAIN_MAX)
    return _prepare(mnist.x_train[:n]), mnist.y_train[:n].astype(np.int64), _prepare(mnist.x_test)


def _learner_run(submission: Any, mnist: Any) -> dict[str, Any]:
    def compute() -> dict[str, Any]:
        x, y, _ = _cached("data", lambda: _data(mnist))
        W, b, losses = _triple(submission.train_minibatch(x, y, LR, EPOCHS, BATCH, SEED),
                               f"train_minibatch(x, y, lr={LR}, epochs={EPOCHS}, batch_size={BATCH}, seed={SEED})",
                               "(W, b, losses)")
        return {"W": W, "b": b, "losses": np.asarray(losses, dtype=np.float64).reshape(-1), "n": len(x)}
    return _cached("learner", compute)


def _learner_accuracy(submission: Any, mnist: Any) -> float:
    run = _learner_run(submission, mnist)
    x_test = _cached("data", lambda: _data(mnist))[2]
    pred = np.asarray(submission.predict(run["W"], run["b"], x_test))
    if pred.shape != (len(x_test),):
        raise AssertionError(t(f"predict(W, b, x_test) returned shape {pred.shape}; expected ({len(x_test)},)",
                               f"predict(W, b, x_test) devolvió forma {pred.shape}; se esperaba ({len(x_test)},)"))
    return float(np.mean(pred == mnist.y_test))


def _reference_run(reference: Any, mnist: Any) -> dict[str, Any]:
    """The same run with the reference, here; only needed when the learner's run falls short (see the top)."""
    def compute() -> dict[str, Any]:
        x, y, x_test = _cached("data", lambda: _data(mnist))
        W, b, losses = reference.train_minibatch(x, y, LR, EPOCHS, BATCH, SEED)
        return {"losses": np.asarray(losses, dtype=np.float64),
                "accuracy": float(np.mean(reference.predict(W, b, x_test) == mnist.y_test))}
    return _cached("reference", compute)


def _epoch_means(losses: np.ndarray) -> np.ndarray | None:
    if len(losses) == 0 or len(losses) % EPOCHS:
        return None
    return losses.reshape(EPOCHS, -1).mean(axis=1)


def _falls(losses: np.ndarray) -> bool:
    means = _epoch_means(losses)
    return means is not None and bool(np.all(np.isfinite(losses))) and means[-1] < means[0]


@pytest.mark.points(1.5)
@pytest.mark.title(en="MNIST: the loss falls from epoch to epoch", es="MNIST: la pérdida baja de época en época")
def test_mnist_loss_falls(submission, reference, mnist, record):
    run = _learner_run(submission, mnist)
    got, n = run["losses"], run["n"]
    per = math.ceil(n / BATCH)
    record.artifact("loss_curve", {"x_label": "update", "y_label": "mini-batch cross-entropy",
                                   "x": list(range(1, len(got) + 1)),
                                   "y": [float(v) if math.isfinite(v) else None for v in got]})
    if len(got) == EPOCHS * per and _falls(got):
        return
    ref = _reference_run(reference, mnist)["losses"]  # the reference makes EPOCHS * ceil(n / BATCH) updates
    assert len(got) == len(ref), t(
        f"train_minibatch returned {counted(len(got), 'loss')}; with n = {n} and batch_size = {BATCH} expected "
        f"{EPOCHS} x ceil({n} / {BATCH}) = {EPOCHS * per}, one per update",
        f"train_minibatch devolvió {counted(len(got), 'loss')}; con n = {n} y batch_size = {BATCH} se esperaban "
        f"{EPOCHS} x ceil({n} / {BATCH}) = {EPOCHS * per}, una por actualización")
    if _falls(got) or not _falls(ref):
        return
    means = _epoch_means(got)
    # Single mini-batch losses go up and down (the price of cheap steps); the epoch means must fall.
    raise AssertionError(t(
        f"the mean mini-batch loss went from {means[0]:.4f} (epoch 1) to {means[-1]:.4f} (epoch {EPOCHS}); it should "
        "fall. Check the update W -= lr * dW after every mini-batch",
        f"la pérdida media por mini-lote pasó de {means[0]:.4f} (época 1) a {means[-1]:.4f} (época {EPOCHS}); "
        "debería bajar. Revisa el paso W -= lr * dW después de cada mini-lote"))


@pytest.mark.points(2)
@pytest.mark.title(en="MNIST: held-out accuracy", es="MNIST: exactitud en datos de prueba")
def test_mnist_accuracy(submission, reference, mnist, record):
    run = _learner_run(submission, mnist)
    acc = _learner_accuracy(submission, mnist)  # the learner's predict() in the worker, scored here
    threshold = THRESHOLD_FULL if mnist.full else THRESHOLD_SUBSET
    record.metric("test_accuracy", round(acc, 4))
    record.metric("train_images", run["n"])
    if acc >= threshold:
        return
    need = min(threshold, _reference_run(reference, mnist)["accuracy"] - MARGIN)
    assert acc >= need, t(
        f"test accuracy {acc:.4f} after {EPOCHS} epochs of mini-batches of {BATCH} (lr {LR}) on {run['n']} images; "
        f"at least {need:.2f} is expected",
        f"exactitud de prueba {acc:.4f} tras {EPOCHS} épocas con mini-lotes de {BATCH} (lr {LR}) sobre {run['n']} "
        f"imágenes; se espera al menos {need:.2f}")
