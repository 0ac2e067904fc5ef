"""Raises its own LayoutError, a subclass of ValueError."""


class LayoutError(ValueError):
    pass


def describe(kind, *, n=None, features=None, timesteps=None, height=None, width=None, channels=None, frames=None,
             layout="channels_last"):
    if kind == "scalar":
        return (), 0
    if kind == "vectors":
        return (n, features), 2
    if kind == "sequences":
        return (n, timesteps, features), 3
    if layout == "channels_last":
        image = (height, width, channels)
    elif layout == "channels_first":
        image = (channels, height, width)
    else:
        raise LayoutError(layout)
    shape = (n,) + image if kind == "images" else (n, frames) + image
    return shape, len(shape)
