"""Any layout other than channels_first is treated as channels_last, without an error."""


def describe(kind, *, n=None, features=None, timesteps=None, height=None, width=None, channels=None, frames=None,
             layout="channels_last"):
    if kind == "scalar":
        shape = ()
    elif kind == "vectors":
        shape = (n, features)
    elif kind == "sequences":
        shape = (n, timesteps, features)
    else:
        image = (channels, height, width) if layout == "channels_first" else (height, width, channels)
        shape = (n,) + image if kind == "images" else (n, frames) + image
    return shape, len(shape)
