"""Channels-first videos as 3-D convolutions take them: channels before frames."""


def describe(kind, *, n=None, features=None, timesteps=None, height=None, width=None, channels=None, frames=None,
             layout="channels_last"):
    if kind == "scalar":
        shape = ()
    elif kind == "vectors":
        shape = (n, features)
    elif kind == "sequences":
        shape = (n, timesteps, features)
    elif layout not in ("channels_last", "channels_first"):
        raise ValueError(layout)
    elif kind == "images":
        shape = (n, height, width, channels) if layout == "channels_last" else (n, channels, height, width)
    else:
        shape = (n, frames, height, width, channels) if layout == "channels_last" else \
            (n, channels, frames, height, width)
    return shape, len(shape)
