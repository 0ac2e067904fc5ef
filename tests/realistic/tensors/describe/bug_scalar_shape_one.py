"""A scalar taken as a one-element vector: shape (1,), rank 1."""


def describe(kind, *, n=None, features=None, timesteps=None, height=None, width=None, channels=None,
             frames=None, layout="channels_last"):
    if kind in ("images", "videos") and layout not in ("channels_last", "channels_first"):
        raise ValueError(layout)
    if kind == "scalar":
        return (1,), 1
    if kind == "vectors":
        shape = (n, features)
    elif kind == "sequences":
        shape = (n, timesteps, features)
    else:
        img = (height, width, channels) if layout == "channels_last" else (channels, height, width)
        shape = (n,) + img if kind == "images" else (n, frames) + img
    return shape, len(shape)
