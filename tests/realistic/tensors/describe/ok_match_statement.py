"""A match statement on the kind; the per-frame image built by a helper that validates the layout."""


def _image(height, width, channels, layout):
    match layout:
        case "channels_last":
            return [height, width, channels]
        case "channels_first":
            return [channels, height, width]
        case _:
            raise ValueError(f"layout must be 'channels_last' or 'channels_first', not {layout!r}")


def describe(kind, *, n=None, features=None, timesteps=None, height=None, width=None, channels=None,
             frames=None, layout="channels_last"):
    match kind:
        case "scalar":
            dims = []
        case "vectors":
            dims = [n, features]
        case "sequences":
            dims = [n, timesteps, features]
        case "images":
            dims = [n, *_image(height, width, channels, layout)]
        case "videos":
            dims = [n, frames, *_image(height, width, channels, layout)]
        case _:
            raise ValueError(f"unknown kind {kind!r}")
    shape = tuple(dims)
    return shape, len(shape)
