"""Reference: doubling."""
from __future__ import annotations


def double(x: float) -> float:
    return 2 * x
