"""Counts the rank without the instance axis."""


def describe(kind, *, n=None, features=None, timesteps=None, height=None, width=None, channels=None, frames=None,
             layout="channels_last"):
    if layout not in ("channels_last", "channels_first") and kind in ("images", "videos"):
        raise ValueError(layout)
    image = (height, width, channels) if layout == "channels_last" else (channels, height, width)
    shape = {"scalar": (), "vectors": (n, features), "sequences": (n, timesteps, features),
             "images": (n,) + image, "videos": (n, frames) + image}[kind]
    return shape, max(len(shape) - 1, 0)
