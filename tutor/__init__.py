"""Tensor Tutor: a terminal tutor for a deep-learning course."""
from __future__ import annotations

__version__ = "0.1.0"
