"""A dictionary of builders, one per kind."""

LAYOUTS = {"channels_last", "channels_first"}


def _frame(height, width, channels, layout):
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}")
    return (height, width, channels) if layout == "channels_last" else (channels, height, width)


def describe(kind, *, n=None, features=None, timesteps=None, height=None, width=None, channels=None, frames=None,
             layout="channels_last"):
    builders = {
        "scalar": lambda: (),
        "vectors": lambda: (n, features),
        "sequences": lambda: (n, timesteps, features),
        "images": lambda: (n, *_frame(height, width, channels, layout)),
        "videos": lambda: (n, frames, *_frame(height, width, channels, layout)),
    }
    shape = builders[kind]()
    return shape, len(shape)
