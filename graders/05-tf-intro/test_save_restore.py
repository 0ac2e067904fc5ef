"""Grader for tf-intro/save-restore: the three files a Saver writes, then restores into fresh graphs.

The worker's working folder is a private temporary folder, so the folder names given here are relative; the
grader reads that folder from this side to see the files. Least squares is the yardstick for "trained".
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from _tf_intro import as_array, call, require, worker_dir
from tutor.grading.checks import check_array, t

N_FEATURES = 3


def hidden_data(seed: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(0, 1, (n, N_FEATURES))
    w, b = rng.uniform(-2, 2, N_FEATURES), rng.uniform(-1, 1)
    y = X @ w + b + rng.normal(0, 0.1, n)
    return X.astype(np.float32), y.reshape(-1, 1).astype(np.float32)


def least_squares(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    A = np.c_[X.astype(np.float64), np.ones(len(X))]
    return np.linalg.lstsq(A, y.astype(np.float64), rcond=None)[0]


def predict(coef: np.ndarray, X: np.ndarray) -> np.ndarray:
    return np.c_[X.astype(np.float64), np.ones(len(X))] @ coef


_SAVED: dict[tuple[int, str], tuple[str, np.ndarray, np.ndarray, np.ndarray]] = {}


def saved(submission, seed: int, directory: str) -> tuple[str, np.ndarray, np.ndarray, np.ndarray]:
    """Train and save one model, once per grade; (prefix, predictions, X, y). A failure is not kept: every check
    that needs the model tries again and reports it."""
    if (seed, directory) not in _SAVED:
        _SAVED[seed, directory] = _train_and_save(submission, seed, directory)
    return _SAVED[seed, directory]


def _train_and_save(submission, seed: int, directory: str) -> tuple[str, np.ndarray, np.ndarray, np.ndarray]:
    X, y = hidden_data(seed, 200)
    got = call(submission.train_and_save, X, y, directory)
    require(isinstance(got, dict) and "prefix" in got and "predictions" in got, t(
        "train_and_save must return a dict with the keys prefix and predictions",
        "train_and_save debe devolver un dict con las claves prefix y predictions"))
    prefix = got["prefix"]
    require(isinstance(prefix, str), t(
        f"train_and_save(...)[\"prefix\"] must be the string that saver.save returns, got {type(prefix).__name__}",
        f"train_and_save(...)[\"prefix\"] debe ser el texto que devuelve saver.save, llegó {type(prefix).__name__}"))
    return prefix, as_array(got["predictions"], what="train_and_save(...)[\"predictions\"]"), X, y


def folder_in_worker(submission, name: str) -> Path | None:
    """A folder the grader named, inside the worker's folder; never followed through a link the learner made
    (this side is trusted and sees more of the disk than the sandbox does)."""
    root = worker_dir(submission).resolve()
    folder = root / name
    if folder.is_symlink() or not folder.is_dir() or folder.resolve().parent != root:
        return None
    return folder


def move_checkpoint(submission, name: str, new_name: str) -> None:
    """Rename the folder `name` to `new_name`, so a restore must read the files at their new place. A rename never
    follows links and writes nothing, so the learner's folder cannot point this trusted side elsewhere."""
    src = folder_in_worker(submission, name)
    require(src is not None, t(f"there is no folder {name} with the checkpoint",
                               f"no hay una carpeta {name} con el checkpoint"))
    os.rename(src, src.parent / new_name)


@pytest.mark.points(3)
@pytest.mark.title(en="Saver writes .meta, .index and .data", es="Saver escribe .meta, .index y .data")
def test_files(submission):
    prefix, _, _, _ = saved(submission, 61, "run-a")
    folder = folder_in_worker(submission, "run-a")
    files = sorted(p.name for p in folder.iterdir()) if folder is not None else []
    require(files, t("train_and_save(X, y, \"run-a\") wrote nothing in the folder run-a: save into "
                     "os.path.join(directory, \"model\")",
                     "train_and_save(X, y, \"run-a\") no escribió nada en la carpeta run-a: guarda en "
                     "os.path.join(directory, \"model\")"))
    stem = prefix.replace("\\", "/").rsplit("/", 1)[-1]
    for suffix, holds_en, holds_es in ((".meta", "the graph's structure", "la estructura del grafo"),
                                       (".index", "where each variable's value lies", "dónde está el valor de cada "
                                                                                       "variable"),
                                       (".data-00000-of-00001", "the variables' values", "los valores de las "
                                                                                        "variables")):
        require(stem + suffix in files, t(
            f"run-a has {files}, but no {stem}{suffix} ({holds_en}); the prefix must be what saver.save returned",
            f"run-a tiene {files}, pero no {stem}{suffix} ({holds_es}); el prefijo debe ser lo que devolvió "
            "saver.save"))
    require(stem == "model", t(f"save as directory/\"model\"; the files are named {stem}.*",
                               f"guarda como directory/\"model\"; los archivos se llaman {stem}.*"))


@pytest.mark.points(2)
@pytest.mark.title(en="The model is trained before it is saved", es="El modelo se entrena antes de guardarlo")
def test_trained(submission):
    _, predictions, X, y = saved(submission, 61, "run-a")
    want = predict(least_squares(X, y), X)
    require(predictions.shape == want.shape, t(
        f"predictions has shape {predictions.shape}; expected {want.shape}",
        f"predictions tiene forma {predictions.shape}; se esperaba {want.shape}"))
    gap = float(np.max(np.abs(predictions - want)))
    require(gap < 0.1, t(
        f"the predictions are up to {gap:.3f} away from the least-squares fit: run init, then the given fit(...), "
        "before you fetch the predictions and save",
        f"las predicciones están hasta a {gap:.3f} del ajuste por mínimos cuadrados: ejecuta init y luego el "
        "fit(...) dado antes de pedir las predicciones y guardar"))


@pytest.mark.points(3)
@pytest.mark.title(en="Restored in a fresh graph: the same predictions",
                   es="Restaurado en un grafo nuevo: las mismas predicciones")
def test_restore(submission):
    prefix, predictions, X, _ = saved(submission, 61, "run-a")
    got = call(submission.restore_and_predict, prefix, X)
    check_array(as_array(got, what="restore_and_predict(prefix, X)"), predictions,
                what=t("restore_and_predict(prefix, X) against the predictions before saving",
                       "restore_and_predict(prefix, X) frente a las predicciones antes de guardar"),
                rtol=1e-5, atol=1e-6)


@pytest.mark.points(2)
@pytest.mark.title(en="Two checkpoints, moved elsewhere, two models",
                   es="Dos checkpoints, movidos a otro lugar, dos modelos")
def test_two_checkpoints(submission):
    """Restoring reads the files: moved under new names, each restores the model it holds."""
    models = []
    for seed, name in ((61, "run-a"), (62, "run-b")):
        _, _, X, y = saved(submission, seed, name)
        move_checkpoint(submission, name, f"moved-{name}")
        models.append((f"moved-{name}/model", least_squares(X, y)))
    X_new, _ = hidden_data(66, 9)
    for prefix, coef in reversed(models):
        got = as_array(call(submission.restore_and_predict, prefix, X_new), what=f"restore_and_predict({prefix!r}, X)")
        gap = float(np.max(np.abs(got - predict(coef, X_new)))) if got.shape == (9, 1) else np.inf
        require(gap < 0.15, t(
            f"restore_and_predict({prefix!r}, X) does not predict like the model saved there (off by {gap:.3f}): "
            "import the graph from prefix + \".meta\" into a new graph and restore the values from that prefix",
            f"restore_and_predict({prefix!r}, X) no predice como el modelo guardado allí (diferencia {gap:.3f}): "
            "importa el grafo desde prefijo + \".meta\" en un grafo nuevo y restaura los valores desde ese prefijo"))
