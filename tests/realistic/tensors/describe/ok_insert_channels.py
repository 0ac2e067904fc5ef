"""Starts from the channels-last shape and moves the channels with list.insert for channels-first."""

KINDS = {
    "scalar": [],
    "vectors": ["n", "features"],
    "sequences": ["n", "timesteps", "features"],
    "images": ["n", "height", "width", "channels"],
    "videos": ["n", "frames", "height", "width", "channels"],
}


def describe(kind, *, n=None, features=None, timesteps=None, height=None, width=None, channels=None,
             frames=None, layout="channels_last"):
    sizes = dict(n=n, features=features, timesteps=timesteps, height=height, width=width, channels=channels,
                 frames=frames)
    shape = [sizes[name] for name in KINDS[kind]]
    if kind in ("images", "videos"):
        if layout == "channels_first":
            c = shape.pop()
            shape.insert(len(shape) - 2, c)  # before height and width
        elif layout != "channels_last":
            raise ValueError("unknown layout: " + str(layout))
    return tuple(shape), len(shape)
