"""Grader for tensors/layouts: random image and video batches of odd, distinct sizes, compared with the reference.

Sizes are chosen so that every axis has its own length (height != width != channels != ...): a swapped pair of
axes then shows in the shape, and random values show a reshape that only looks right.
"""
from __future__ import annotations

import numpy as np
import pytest

from tutor.grading.checks import check_array, t
from tutor.grading.proxy import SubmissionError

CASES = 6


def _distinct_sizes(rng: np.random.Generator, count: int) -> list[int]:
    return [int(v) for v in rng.choice(np.arange(2, 14), size=count, replace=False)]


def _batches(seed: int, rank: int) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    out = []
    for k in range(CASES):
        shape = _distinct_sizes(rng, rank)
        if rank == 5:  # keep videos small: the two smallest sizes go to instances and frames
            small, rest = sorted(shape)[:2], sorted(shape)[2:]
            shape = [int(v) for v in rng.permutation(small)] + [int(v) for v in rng.permutation(rest)]
        # float32 like real pixels, some uint8 batches too: the conversion must not care about dtype
        if k % 3 == 2:
            out.append(rng.integers(0, 256, size=shape, dtype=np.uint8))
        else:
            out.append(rng.standard_normal(shape).astype(np.float32))
    return out


# The axes each function receives, by letter: every size in a batch is distinct, so a result's shape tells which
# input axis went where.
INPUT_AXES = {"to_channels_last": "nchw", "to_channels_first": "nhwc", "video_to_channels_last": "nfchw",
              "video_to_channels_first": "nfhwc"}


def _arrangement(got: object, x: np.ndarray, name: str) -> str | None:
    """The learner's result as letters, e.g. "(n, w, c, h)", when its shape is a rearrangement of x's axes."""
    shape = np.shape(got)
    if sorted(shape) != sorted(x.shape) or shape == x.shape:
        return None
    letter = dict(zip(x.shape, INPUT_AXES[name]))
    return "(" + ", ".join(letter[d] for d in shape) + ")"


def _compare(submission, reference, name: str, batches: list[np.ndarray], wanted_layout: str) -> None:
    axes = INPUT_AXES[name]
    given = "(" + ", ".join(axes) + ")"
    for x in batches:
        want = getattr(reference, name)(x)
        try:
            got = getattr(submission, name)(x)
        except SubmissionError as exc:
            if "axes don't match" not in str(exc.info.get("message", "")):
                raise
            raise AssertionError(t(
                f"{exc} (an array of shape {x.shape}, {given}): a permutation for transpose lists every axis of "
                f"the array, {len(axes)} here",
                f"{exc} (un arreglo de forma {x.shape}, {given}): una permutación para transpose enumera todos los "
                f"ejes del arreglo, {len(axes)} aquí")) from None
        what = t(f"{name} on an array of shape {x.shape}, which should become {wanted_layout}",
                 f"{name} sobre un arreglo de forma {x.shape}, que debe quedar {wanted_layout}")
        arranged = _arrangement(got, x, name)
        if arranged is not None and np.shape(got) != want.shape:
            raise AssertionError(t(
                f"{what}: your result has shape {np.shape(got)}, that is the input's {given} rearranged as "
                f"{arranged}; expected {wanted_layout}, shape {want.shape}",
                f"{what}: tu resultado tiene forma {np.shape(got)}, es decir la entrada {given} reordenada como "
                f"{arranged}; se esperaba {wanted_layout}, forma {want.shape}"))
        check_array(got, want, what=what, rtol=0.0, atol=0.0, band=_moved)


def _moved(rel: float) -> str:
    # Nothing is computed here, only moved: a wrong value means it came from another place.
    return t("a value from another place: the axes are not moved as expected",
             "un valor de otro lugar: los ejes no se movieron como se esperaba")


@pytest.mark.points(3)
@pytest.mark.title(en="Images to channels-last", es="Imágenes a channels-last")
def test_to_channels_last(submission, reference):
    _compare(submission, reference, "to_channels_last", _batches(101, 4), "(n, h, w, c)")


@pytest.mark.points(3)
@pytest.mark.title(en="Images to channels-first", es="Imágenes a channels-first")
def test_to_channels_first(submission, reference):
    _compare(submission, reference, "to_channels_first", _batches(202, 4), "(n, c, h, w)")


@pytest.mark.points(2)
@pytest.mark.title(en="Videos to channels-last", es="Videos a channels-last")
def test_video_to_channels_last(submission, reference):
    _compare(submission, reference, "video_to_channels_last", _batches(303, 5), "(n, f, h, w, c)")


@pytest.mark.points(2)
@pytest.mark.title(en="Videos to channels-first", es="Videos a channels-first")
def test_video_to_channels_first(submission, reference):
    _compare(submission, reference, "video_to_channels_first", _batches(404, 5), "(n, f, c, h, w)")
