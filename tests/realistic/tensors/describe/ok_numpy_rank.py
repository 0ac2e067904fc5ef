"""Gets the rank from NumPy (np.ndim of an empty array of that shape is cheap: zero elements)."""
import numpy as np


def describe(kind, *, n=None, features=None, timesteps=None, height=None, width=None, channels=None, frames=None,
             layout="channels_last"):
    if kind in ("images", "videos"):
        if layout == "channels_last":
            per_frame = (height, width, channels)
        elif layout == "channels_first":
            per_frame = (channels, height, width)
        else:
            raise ValueError("bad layout")
    shape = {"scalar": (), "vectors": (n, features), "sequences": (n, timesteps, features)}.get(kind)
    if shape is None:
        shape = (n,) + ((frames,) if kind == "videos" else ()) + per_frame
    return shape, np.ndim(np.empty((0,) * len(shape)))
