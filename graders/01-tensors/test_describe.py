"""Grader for tensors/describe: hidden random datasets of every kind, compared with the reference.

Every size in a case is different from the others, so an argument put on the wrong axis shows.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from tutor.grading.checks import expect_raises, t

CASES = 25
SIZE_KEYS = {
    "scalar": (),
    "vectors": ("n", "features"),
    "sequences": ("n", "timesteps", "features"),
    "images": ("n", "height", "width", "channels"),
    "videos": ("n", "frames", "height", "width", "channels"),
}


def _require(ok: bool, message: str) -> None:
    # A plain raise, not `assert`: pytest's rewritten asserts append "assert False + where ..." to the message.
    if not ok:
        raise AssertionError(message)


def _cases(seed: int, kind: str, layout: str | None) -> list[dict[str, Any]]:
    rng = np.random.default_rng(seed)
    out = []
    for k in range(CASES if kind != "scalar" else 1):
        keys = SIZE_KEYS[kind]
        sizes = rng.choice(np.arange(1, 300), size=len(keys), replace=False)
        kwargs: dict[str, Any] = {key: int(v) for key, v in zip(keys, sizes)}
        # channels-last is the default: half of the channels-last cases leave the argument out
        if layout is not None and not (layout == "channels_last" and k % 2 == 0):
            kwargs["layout"] = layout
        out.append(kwargs)
    return out


def _call_text(kind: str, kwargs: dict[str, Any]) -> str:
    args = ", ".join([repr(kind)] + [f"{k}={v!r}" for k, v in kwargs.items()])
    return f"describe({args})"


def _normalise(got: Any) -> tuple[tuple[int, ...], int] | None:
    """(shape, rank) as plain ints, or None when `got` is not a pair of a shape and a whole number."""
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        return None
    shape, rank = got
    if not isinstance(shape, (tuple, list)) or isinstance(rank, bool):
        return None
    try:
        if any(int(d) != d for d in shape) or int(rank) != rank:
            return None
        return tuple(int(d) for d in shape), int(rank)
    except (TypeError, ValueError):
        return None


def _compare(submission, reference, kind: str, layout: str | None, seed: int) -> None:
    for kwargs in _cases(seed, kind, layout):
        want = reference.describe(kind, **kwargs)
        got = submission.describe(kind, **kwargs)
        call = _call_text(kind, kwargs)
        pair = _normalise(got)
        _require(pair is not None, t(
            f"{call} returned {got!r}; return a pair (shape, rank), e.g. ((32, 64, 64, 3), 4)",
            f"{call} devolvió {got!r}; devuelve un par (forma, rango), p. ej. ((32, 64, 64, 3), 4)"))
        shape, rank = pair
        scalar = t(": a single number has no axes, so its shape is the empty tuple ()",
                   ": un solo número no tiene ejes, así que su forma es la tupla vacía ()") if kind == "scalar" else ""
        _require(shape == want[0], t(f"{call}: shape {shape}, expected {want[0]}{scalar}",
                                   f"{call}: forma {shape}, se esperaba {want[0]}{scalar}"))
        _require(rank == want[1], t(f"{call}: rank {rank}, expected {want[1]} (the rank is the number of axes)",
                                  f"{call}: rango {rank}, se esperaba {want[1]} (el rango es el número de ejes)"))


@pytest.mark.points(1)
@pytest.mark.title(en="A scalar", es="Un escalar")
def test_scalar(submission, reference):
    _compare(submission, reference, "scalar", None, 1)


@pytest.mark.points(1)
@pytest.mark.title(en="Vector data", es="Datos vectoriales")
def test_vectors(submission, reference):
    _compare(submission, reference, "vectors", None, 2)


@pytest.mark.points(2)
@pytest.mark.title(en="Sequences", es="Secuencias")
def test_sequences(submission, reference):
    _compare(submission, reference, "sequences", None, 3)


@pytest.mark.points(1)
@pytest.mark.title(en="Images, channels-last", es="Imágenes, channels-last")
def test_images_channels_last(submission, reference):
    _compare(submission, reference, "images", "channels_last", 4)


@pytest.mark.points(1)
@pytest.mark.title(en="Images, channels-first", es="Imágenes, channels-first")
def test_images_channels_first(submission, reference):
    _compare(submission, reference, "images", "channels_first", 5)


@pytest.mark.points(1)
@pytest.mark.title(en="Videos, channels-last", es="Videos, channels-last")
def test_videos_channels_last(submission, reference):
    _compare(submission, reference, "videos", "channels_last", 6)


@pytest.mark.points(2)
@pytest.mark.title(en="Videos, channels-first", es="Videos, channels-first")
def test_videos_channels_first(submission, reference):
    _compare(submission, reference, "videos", "channels_first", 7)


@pytest.mark.points(1)
@pytest.mark.title(en="An unknown layout raises ValueError", es="Una disposición desconocida lanza ValueError")
def test_unknown_layout(submission):
    for kind, layout in (("images", "nhwc"), ("videos", "channels_middle"), ("images", "nchw")):
        kwargs = {"n": 8, "frames": 5, "height": 12, "width": 16, "channels": 3} if kind == "videos" else \
            {"n": 8, "height": 12, "width": 16, "channels": 3}
        expect_raises(lambda: submission.describe(kind, layout=layout, **kwargs), "ValueError",
                      what=_call_text(kind, dict(kwargs, layout=layout)))
