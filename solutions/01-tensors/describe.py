"""Reference: the shape and rank of a described dataset."""
from __future__ import annotations

LAYOUTS = ("channels_last", "channels_first")


def _image(height: int, width: int, channels: int, layout: str) -> tuple[int, ...]:
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be 'channels_last' or 'channels_first', not {layout!r}")
    return (height, width, channels) if layout == "channels_last" else (channels, height, width)


def describe(kind: str, *, n: int | None = None, features: int | None = None, timesteps: int | None = None,
             height: int | None = None, width: int | None = None, channels: int | None = None,
             frames: int | None = None, layout: str = "channels_last") -> tuple[tuple[int, ...], int]:
    if kind == "scalar":
        shape: tuple[int, ...] = ()
    elif kind == "vectors":
        shape = (n, features)
    elif kind == "sequences":
        shape = (n, timesteps, features)
    elif kind == "images":
        shape = (n,) + _image(height, width, channels, layout)
    elif kind == "videos":
        shape = (n, frames) + _image(height, width, channels, layout)
    else:
        raise ValueError(f"unknown kind {kind!r}")
    return shape, len(shape)
