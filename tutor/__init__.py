"""Tensor Tutor: a terminal tutor for a deep-learning course."""
from __future__ import annotations

TYPE_CHECKING = False  # every process imports this package: typing stays out of it
if TYPE_CHECKING:
    from typing import Any

__version__ = "0.1.0"


def load_ipython_extension(ipython: Any) -> None:
    """`%load_ext tutor` in Jupyter: the `%tutor` magic (tutor/jupyter.py; needs the [jupyter] extra)."""
    from tutor.jupyter import load_ipython_extension as load

    load(ipython)


def unload_ipython_extension(ipython: Any) -> None:
    from tutor.jupyter import unload_ipython_extension as unload

    unload(ipython)
