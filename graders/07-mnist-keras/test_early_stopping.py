"""Grader for mnist-keras/early-stopping: fit with a validation split, EarlyStopping on val_loss with the best
weights restored, and the test loss and accuracy from model.evaluate.

Two trainings, each on a fresh model from the learner's build_model():
  ordinary   the first 4,000 training digits, a small epoch budget: the test accuracy, and evaluate() on it.
  rigged     1,000 digits whose validation part (the last 10%, which validation_split holds out) has every label
             wrong: the more the model learns, the higher val_loss, from the first epoch on. EarlyStopping must
             stop `patience` epochs after the first epoch, and restore_best_weights must bring back that first
             epoch's weights; the grader measures the returned model's val_loss itself, from model.predict on the
             validation images it holds.
The stop and the restore are compared with the reference trained on the same rigged data, so that a known-wrong
variant (restore_best_weights left False, or monitor="loss") is recognised as the learner's mistake.
The test labels cross to the worker only for the learner's evaluate(), after the grader has measured the test
accuracy itself from model.predict. Keras's epochs are counted from the worker's events (record.events).
"""
from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np
import pytest
from _workshop import Workshop, describe

from tutor.grading.checks import counted, t
from tutor.grading.proxy import RemoteObject, SubmissionError

BATCH_SIZE = 64
ORDINARY = {"n": 4000, "max_epochs": 6, "patience": 2}
# Patience 3 here, 2 above: a patience written into train() instead of the argument shows in the stopping epoch.
RIGGED = {"n": 1000, "max_epochs": 20, "patience": 3, "seed": 713}
# Reference (784-64-10, Adam) on the offline subset, 3 seeds: 0.915-0.928 after 6-8 epochs on 3,600 digits; 0.88
# leaves room for other small models and unlucky seeds, as in the other Keras exercises.
THRESHOLD = 0.88
# The grader's val_loss (float64 cross-entropy of model.predict) agrees with Keras's float32 val_loss to about 1e-6
# at the best epoch; on the rigged data the best and the last epoch's val_loss differ by 0.5 or more.
VAL_LOSS_RTOL = 1e-3
# evaluate()'s accuracy against argmax(model.predict): the same model on the same images; only a tie between two
# classes may flip, so a digit or two of n.
ACCURACY_ATOL = 2.5e-3
# evaluate()'s loss against the grader's cross-entropy: loose, since a regulariser's penalty is part of Keras's
# loss; it catches a loss that is not the test loss (the accuracy in its place, the history's val_loss).
LOSS_RTOL = 5e-2
# Keras computes the loss of a softmax output from the logits behind it, unclipped; model.predict gives float32
# probabilities, so the floor here only keeps log() finite where a float32 probability underflowed to 0.
PROBABILITY_FLOOR = float(np.finfo(np.float32).tiny)

_cache: dict[str, tuple[str, Any]] = {}
_workshop = Workshop(api="Sequential")  # for its explain_fit(): Keras's fit() errors in terms of what to change


def once(key: str, make: Callable[[], Any]) -> Any:
    """A step shared by several checks runs once; a check that needs a failed step names it."""
    if key not in _cache:
        try:
            _cache[key] = ("ok", make())
        except AssertionError as exc:
            _cache[key] = ("failed", exc)
            raise
    status, value = _cache[key]
    if status == "failed":
        raise AssertionError(t(f"not checked: {key} failed (see the check above)",
                               f"no se comprobó: falló {key} (ver la comprobación anterior)"))
    return value


def probabilities(values: Any) -> np.ndarray:
    """Rows of model.predict as probabilities: a softmax output as it is, logits through a softmax."""
    p = np.asarray(values, dtype=np.float64)
    if np.all(p >= 0) and np.allclose(p.sum(axis=1), 1.0, atol=1e-3):
        return p
    z = np.exp(p - p.max(axis=1, keepdims=True))
    return z / z.sum(axis=1, keepdims=True)


def cross_entropy(p: np.ndarray, labels: np.ndarray) -> float:
    picked = np.maximum(p[np.arange(len(labels)), labels], PROBABILITY_FLOOR)
    return float(-np.mean(np.log(picked)))


def predict(submission: Any, model: RemoteObject, images: np.ndarray, what: str) -> np.ndarray:
    """The grader's own look at the model: the learner's preprocess(), then Keras's model.predict."""
    x = submission.preprocess(images)
    assert isinstance(x, np.ndarray) and len(x) == len(images), t(
        f"preprocess() must return an array with one row per image; for the {len(images)} {what} it returned "
        f"{describe(x)}",
        f"preprocess() debe devolver un arreglo con una fila por imagen; para las {len(images)} {what} devolvió "
        f"{describe(x)}")
    out = model.predict(x, verbose=0)
    assert isinstance(out, np.ndarray) and out.shape == (len(images), 10), t(
        f"model.predict() on preprocess(images) gives {describe(out)}; the model must output (n, 10)",
        f"model.predict() sobre preprocess(images) da {describe(out)}; el modelo debe dar (n, 10)")
    return probabilities(out)


def metrics_accuracy(model: RemoteObject) -> float | None:
    """The accuracy the model's own metric holds now (Keras's get_metrics_result gives scalar tensors)."""
    try:
        state = model.get_metrics_result()
        for key, value in (state.items() if isinstance(state, dict) else []):
            if "acc" in str(key):
                return scalar(value)
    except SubmissionError:
        pass
    return None


def scalar(value: Any) -> float | None:
    """A number from the worker: a float, a 0-d array, or a tensor or NumPy scalar left there (.numpy(), .item())."""
    for step in ("numpy", "item"):
        if not isinstance(value, RemoteObject):
            break
        value = getattr(value, step)()
    if isinstance(value, (int, float, np.ndarray, np.generic)) and np.size(value) == 1:
        return float(np.asarray(value).reshape(()))
    return None


def build(submission: Any) -> RemoteObject:
    model = submission.build_model()
    assert isinstance(model, RemoteObject) and model.remote_type.startswith("keras"), t(
        f"build_model() must return a compiled Keras model; it returned {describe(model)}",
        f"build_model() debe devolver un modelo de Keras compilado; devolvió {describe(model)}")
    return model


def fit(proxy: Any, model: RemoteObject, images: np.ndarray, labels: np.ndarray, setting: dict,
        record: Any | None) -> tuple[dict, int | None]:
    """train()'s history and how many epochs Keras's fit() ran meanwhile (None for the reference, whose worker
    sends no events)."""
    before = len(record.events("epoch")) if record is not None else 0
    try:
        history = proxy.train(model, images, labels, setting["max_epochs"], setting["patience"], BATCH_SIZE)
    except SubmissionError as exc:
        explain = getattr(_workshop, "explain_fit", None)
        raise (explain(exc, model) if explain else exc) from None
    epochs = len(record.events("epoch")) - before if record is not None else None
    assert isinstance(history, dict), t(
        f"train() must return history.history, the dict of per-epoch metrics of model.fit(); it returned "
        f"{describe(history)}",
        f"train() debe devolver history.history, el dict de métricas por época de model.fit(); devolvió "
        f"{describe(history)}")
    keys = sorted(history)
    assert "val_loss" in history, t(
        f"history has {keys} but no val_loss: pass validation_split=0.1 to model.fit(), so that Keras holds out the "
        "last 10% of the data and measures the loss on it after each epoch; EarlyStopping watches that number",
        f"history tiene {keys} pero no val_loss: pasa validation_split=0.1 a model.fit(), para que Keras aparte el "
        "último 10% de los datos y mida la pérdida en ellos tras cada época; EarlyStopping vigila ese número")
    val = history["val_loss"]
    assert isinstance(val, list) and val and all(isinstance(v, (int, float)) and math.isfinite(v) for v in val), t(
        f"history['val_loss'] must be a list of finite numbers, one per epoch; it is {str(val)[:120]}",
        f"history['val_loss'] debe ser una lista de números finitos, uno por época; es {str(val)[:120]}")
    if epochs is not None:
        assert epochs == len(val), t(
            f"Keras's model.fit() ran {counted(epochs, 'epoch')} while train() ran, but the history it returned has "
            f"{len(val)}: call model.fit() once, with epochs=max_epochs and the EarlyStopping callback, and return "
            "its history.history",
            f"model.fit() de Keras corrió {counted(epochs, 'epoch')} mientras corría train(), pero el historial que "
            f"devolvió tiene {len(val)}: llama a model.fit() una vez, con epochs=max_epochs y el callback "
            "EarlyStopping, y devuelve su history.history")
    return history, epochs


def rigged_data(mnist: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """1,000 digits whose last 100 (the validation_split=0.1 part) all carry a wrong label."""
    n = RIGGED["n"]
    images, labels = np.array(mnist.x_train[:n]), np.array(mnist.y_train[:n]).astype(np.int64)
    n_val = n // 10
    rng = np.random.default_rng(RIGGED["seed"])
    labels[-n_val:] = (labels[-n_val:] + rng.integers(1, 10, n_val)) % 10
    return images, labels, images[-n_val:], labels[-n_val:]


def outcome(history: dict, measured: float) -> dict:
    """What EarlyStopping did, read from the history and the returned model's measured val_loss."""
    val = [float(v) for v in history["val_loss"]]
    best_epoch = int(np.argmin(val)) + 1
    best, last = min(val), val[-1]
    return {"epochs": len(val), "stopped": len(val) < RIGGED["max_epochs"], "after_best": len(val) - best_epoch,
            "best": best, "last": last, "measured": measured,
            "restored": abs(measured - best) <= VAL_LOSS_RTOL * abs(best) + 1e-6}


def rigged_run(proxy: Any, mnist: Any, record: Any | None) -> dict:
    images, labels, val_images, val_labels = rigged_data(mnist)
    model = build(proxy)
    history, epochs = fit(proxy, model, images, labels, RIGGED, record)
    measured = cross_entropy(predict(proxy, model, val_images, "validation images"), val_labels)
    result = outcome(history, measured)
    if epochs is not None:
        result["stopped"] = result["stopped"] and epochs < RIGGED["max_epochs"]
    return result


def rigged(submission: Any, mnist: Any, record: Any) -> dict:
    return once("train() with EarlyStopping", lambda: rigged_run(submission, mnist, record))


def rigged_reference(reference: Any, mnist: Any) -> dict:
    return once("the reference's train()", lambda: rigged_run(reference, mnist, None))


def ordinary(submission: Any, mnist: Any, record: Any) -> dict:
    """The ordinary run, and the grader's own measure of the test set before any test label crosses."""
    def make() -> dict:
        n = min(ORDINARY["n"], len(mnist.x_train))
        model = build(submission)
        history, epochs = fit(submission, model, mnist.x_train[:n], mnist.y_train[:n], ORDINARY, record)
        p = predict(submission, model, mnist.x_test, "test images")
        return {"model": model, "history": history, "epochs": epochs,
                "accuracy": float(np.mean(np.argmax(p, axis=1) == mnist.y_test)),
                "loss": cross_entropy(p, np.asarray(mnist.y_test).astype(np.int64))}
    return once("train()", make)


@pytest.mark.points(2)
@pytest.mark.title(en="train() fits with validation_split: val_loss every epoch, within max_epochs",
                   es="train() entrena con validation_split: val_loss en cada época, dentro de max_epochs")
def test_training(submission, mnist, record):
    run = ordinary(submission, mnist, record)
    losses, budget = run["history"].get("loss", []), ORDINARY["max_epochs"]
    assert 1 <= run["epochs"] <= budget, t(
        f"train() was given max_epochs={budget} and Keras's fit() ran {counted(run['epochs'], 'epoch')}: "
        "model.fit(..., epochs=max_epochs, ...)",
        f"train() recibió max_epochs={budget} y fit() de Keras corrió {counted(run['epochs'], 'epoch')}: "
        "model.fit(..., epochs=max_epochs, ...)")
    assert isinstance(losses, list) and len(losses) >= 2 and losses[-1] < losses[0], t(
        f"the training loss did not go down over the epochs: {[round(v, 4) for v in losses]}",
        f"la pérdida de entrenamiento no bajó con las épocas: {[round(v, 4) for v in losses]}")
    record.metric("epochs", run["epochs"])


@pytest.mark.points(3)
@pytest.mark.title(en="EarlyStopping stops `patience` epochs after the best val_loss",
                   es="EarlyStopping detiene el entrenamiento `patience` épocas después del mejor val_loss")
def test_stops_early(submission, reference, mnist, record):
    got = rigged(submission, mnist, record)
    want = rigged_reference(reference, mnist)
    budget, patience = RIGGED["max_epochs"], RIGGED["patience"]
    record.artifact("rigged_val_loss", {"epochs": got["epochs"], "best": round(got["best"], 4),
                                        "last": round(got["last"], 4)})
    setting_en = (f"on 1,000 digits whose validation labels the grader made all wrong, val_loss only rises after "
                  f"the first epoch (max_epochs={budget}, patience={patience})")
    setting_es = (f"con 1000 dígitos cuyas etiquetas de validación el evaluador puso todas mal, val_loss solo sube "
                  f"después de la primera época (max_epochs={budget}, patience={patience})")
    if want["stopped"]:
        assert got["stopped"], t(
            f"{setting_en}, yet training ran all {got['epochs']} epochs: nothing stopped it. Pass "
            "callbacks=[keras.callbacks.EarlyStopping(monitor='val_loss', patience=patience, "
            "restore_best_weights=True)] to model.fit()",
            f"{setting_es}, y aun así el entrenamiento corrió las {got['epochs']} épocas: nada lo detuvo. Pasa "
            "callbacks=[keras.callbacks.EarlyStopping(monitor='val_loss', patience=patience, "
            "restore_best_weights=True)] a model.fit()")
        assert got["after_best"] == want["after_best"], t(
            f"{setting_en}. Training stopped {counted(got['after_best'], 'epoch')} after the best val_loss (epoch "
            f"{got['epochs'] - got['after_best']}); with patience={patience} EarlyStopping waits {patience}: pass "
            "the patience argument, EarlyStopping(monitor='val_loss', patience=patience, ...)",
            f"{setting_es}. El entrenamiento se detuvo {counted(got['after_best'], 'epoch')} después del mejor "
            f"val_loss (época {got['epochs'] - got['after_best']}); con patience={patience} EarlyStopping espera "
            f"{patience}: pasa el argumento patience, EarlyStopping(monitor='val_loss', patience=patience, ...)")
    else:
        assert not got["stopped"], t(
            f"{setting_en}: training stopped after {counted(got['epochs'], 'epoch')}, the reference ran all {budget}",
            f"{setting_es}: el entrenamiento se detuvo tras {counted(got['epochs'], 'epoch')}, la referencia corrió "
            f"las {budget}")


@pytest.mark.points(3)
@pytest.mark.title(en="The model comes back with the best epoch's weights",
                   es="El modelo vuelve con los pesos de la mejor época")
def test_restores_best(submission, reference, mnist, record):
    got = rigged(submission, mnist, record)
    want = rigged_reference(reference, mnist)
    numbers_en = (f"the grader measured the returned model's loss on the validation images: {got['measured']:.4f}; "
                  f"the best epoch's val_loss was {got['best']:.4f}, the last epoch's {got['last']:.4f}")
    numbers_es = (f"el evaluador midió la pérdida del modelo devuelto sobre las imágenes de validación: "
                  f"{got['measured']:.4f}; el val_loss de la mejor época fue {got['best']:.4f}, el de la última "
                  f"{got['last']:.4f}")
    if want["restored"]:
        assert got["restored"], t(
            f"{numbers_en}: the model does not have the best epoch's weights. EarlyStopping(..., "
            "restore_best_weights=True) puts back the weights of the epoch with the lowest val_loss (it is False by "
            "default); the validation part must be the one validation_split=0.1 holds out of preprocess(images)",
            f"{numbers_es}: el modelo no tiene los pesos de la mejor época. EarlyStopping(..., "
            "restore_best_weights=True) vuelve a poner los pesos de la época con el menor val_loss (por omisión es "
            "False); la parte de validación debe ser la que validation_split=0.1 aparta de preprocess(images)")
    else:
        assert not got["restored"], t(
            f"{numbers_en}: the model has the best epoch's weights, the reference keeps the last epoch's",
            f"{numbers_es}: el modelo tiene los pesos de la mejor época, la referencia se queda con los de la última")


@pytest.mark.points(3)
@pytest.mark.title(en="evaluate() reports model.evaluate's test loss and accuracy",
                   es="evaluate() informa la pérdida y la exactitud de prueba de model.evaluate")
def test_evaluate(submission, mnist, record):
    run = ordinary(submission, mnist, record)
    model = run["model"]
    model.reset_metrics()  # zeroes the model's loss and accuracy trackers: only an evaluate() run fills them again
    got = submission.evaluate(model, mnist.x_test, mnist.y_test)
    shown = describe(got) if isinstance(got, RemoteObject) else str(got)[:120]
    assert isinstance(got, (list, tuple)) and len(got) == 2 and all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in got), t(
        f"evaluate() must return (loss, accuracy), the two numbers of model.evaluate(x, y, verbose=0) for a model "
        f"compiled with metrics=['accuracy']; it returned {shown}",
        f"evaluate() debe devolver (loss, accuracy), los dos números de model.evaluate(x, y, verbose=0) para un "
        f"modelo compilado con metrics=['accuracy']; devolvió {shown}")
    loss, accuracy = float(got[0]), float(got[1])
    kept = metrics_accuracy(model)
    assert kept is not None and abs(kept - run["accuracy"]) <= ACCURACY_ATOL, t(
        "evaluate() returned numbers, but the model's metrics were not computed on the test images: measure them "
        "with loss, accuracy = model.evaluate(preprocess(images), labels, verbose=0), rather than by hand or "
        "from the training history",
        "evaluate() devolvió números, pero las métricas del modelo no se calcularon sobre las imágenes de "
        "prueba: mídelas con loss, accuracy = model.evaluate(preprocess(images), labels, verbose=0), y no a mano "
        "ni desde el historial de entrenamiento")
    n = len(mnist.y_test)
    assert abs(accuracy - run["accuracy"]) <= ACCURACY_ATOL, t(
        f"evaluate() says the test accuracy is {accuracy:.4f}; the grader counts {run['accuracy']:.4f} of the {n} "
        "test digits right from the same model's predict(). Return (loss, accuracy) in that order, as "
        "model.evaluate gives them, for the images and labels passed in",
        f"evaluate() dice que la exactitud de prueba es {accuracy:.4f}; el evaluador cuenta {run['accuracy']:.4f} "
        f"de los {n} dígitos de prueba bien clasificados con predict() del mismo modelo. Devuelve (loss, "
        "accuracy) en ese orden, como los da model.evaluate, para las imágenes y etiquetas recibidas")
    assert abs(loss - run["loss"]) <= LOSS_RTOL * run["loss"], t(
        f"evaluate() says the test loss is {loss:.4f}; the grader's cross-entropy of the same model's predict() "
        f"is {run['loss']:.4f}. Return model.evaluate's loss first, then the accuracy",
        f"evaluate() dice que la pérdida de prueba es {loss:.4f}; la entropía cruzada que calcula el evaluador con "
        f"predict() del mismo modelo es {run['loss']:.4f}. Devuelve primero la pérdida de model.evaluate y luego "
        "la exactitud")
    record.metric("test_loss", round(loss, 4))


@pytest.mark.points(2)
@pytest.mark.title(en="Accuracy on hidden test digits", es="Exactitud en dígitos de prueba ocultos")
def test_accuracy(submission, mnist, record):
    run = ordinary(submission, mnist, record)
    record.metric("test_accuracy", round(run["accuracy"], 4))
    assert run["accuracy"] >= THRESHOLD, t(
        f"test accuracy {run['accuracy']:.3f}, below {THRESHOLD:.2f} (4,000 training digits, at most "
        f"{ORDINARY['max_epochs']} epochs of batch {BATCH_SIZE}). Scale the pixels to [0, 1] and keep the small "
        "model of build_model()",
        f"exactitud de prueba {run['accuracy']:.3f}, menor que {THRESHOLD:.2f} (4000 dígitos de entrenamiento, "
        f"como máximo {ORDINARY['max_epochs']} épocas con lotes de {BATCH_SIZE}). Escala los píxeles a [0, 1] y "
        "conserva el modelo pequeño de build_model()")
