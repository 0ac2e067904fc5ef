"""Doubling: the smallest exercise, for the tutor's own tests."""
from __future__ import annotations


def double(x: float) -> float:
    """Return two times `x`."""
    # TODO: return two times x
    raise NotImplementedError
