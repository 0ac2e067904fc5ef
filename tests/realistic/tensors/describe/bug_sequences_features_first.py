"""Sequences written (n, features, timesteps), as a channels-first 1-D convolution would take them."""


def describe(kind, *, n=None, features=None, timesteps=None, height=None, width=None, channels=None,
             frames=None, layout="channels_last"):
    if kind == "scalar":
        return (), 0
    if kind == "vectors":
        return (n, features), 2
    if kind == "sequences":
        return (n, features, timesteps), 3
    if layout == "channels_last":
        img = (height, width, channels)
    elif layout == "channels_first":
        img = (channels, height, width)
    else:
        raise ValueError("bad layout")
    if kind == "images":
        return (n,) + img, 4
    return (n, frames) + img, 5
