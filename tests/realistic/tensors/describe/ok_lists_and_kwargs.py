"""Builds the shape as a list from **kwargs and returns [shape, rank] as lists."""


def describe(kind, **kw):
    layout = kw.get("layout", "channels_last")
    if kind in ("images", "videos") and layout not in ("channels_last", "channels_first"):
        raise ValueError("layout must be channels_last or channels_first")
    shape = []
    if kind != "scalar":
        shape.append(kw["n"])
    if kind == "vectors":
        shape.append(kw["features"])
    elif kind == "sequences":
        shape += [kw["timesteps"], kw["features"]]
    elif kind in ("images", "videos"):
        if kind == "videos":
            shape.append(kw["frames"])
        hw = [kw["height"], kw["width"]]
        shape += hw + [kw["channels"]] if layout == "channels_last" else [kw["channels"]] + hw
    return [shape, len(shape)]
