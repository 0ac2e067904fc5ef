"""Shared by this lesson's graders: JSON-safe curves for the TUI, and a list of numbers compared with a reason."""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from tutor.grading.checks import check_array, t


def plain(values: Any) -> list[float | None] | None:
    """A JSON-safe list for an artifact: non-finite values become None; None when it is not numbers."""
    try:
        arr = np.asarray(values, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        return None
    return [float(v) if math.isfinite(v) else None for v in arr]


def check_numbers(got: Any, want: Any, *, what: str, advice_en: str, advice_es: str, rtol: float = 1e-7) -> None:
    """check_array with the rule the learner should follow added to its message."""
    try:
        if isinstance(got, list):
            # A list of float32 numbers stays float32, so check_array grants float32's rounding as it does arrays.
            as_array = np.asarray(got)
            got = as_array if as_array.dtype.kind == "f" else np.asarray(got, dtype=np.float64)
        if np.ndim(want) == 0 and isinstance(got, np.ndarray) and got.shape == (1,):
            got = got.reshape(())  # a 0-d array comes back from the worker as shape (1,): the same one number
        check_array(got, want, what=what, rtol=rtol, atol=1e-12)
    except (AssertionError, TypeError, ValueError) as exc:
        raise AssertionError(f"{exc}. " + t(advice_en, advice_es)) from None
