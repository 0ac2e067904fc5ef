"""Returns the number of values (the product of the shape) where the rank belongs."""
import math


def describe(kind, *, n=None, features=None, timesteps=None, height=None, width=None, channels=None,
             frames=None, layout="channels_last"):
    if kind in ("images", "videos") and layout not in ("channels_last", "channels_first"):
        raise ValueError(layout)
    image = (height, width, channels) if layout == "channels_last" else (channels, height, width)
    shape = {"scalar": (), "vectors": (n, features), "sequences": (n, timesteps, features),
             "images": (n, *image), "videos": (n, frames, *image)}[kind]
    return shape, math.prod(shape)
