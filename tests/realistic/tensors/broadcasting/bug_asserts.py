"""Checks compatibility with assert, which raises AssertionError instead of ValueError."""


def broadcast_shape(a, b):
    n = max(len(a), len(b))
    a = (1,) * (n - len(a)) + tuple(a)
    b = (1,) * (n - len(b)) + tuple(b)
    out = []
    for x, y in zip(a, b):
        assert x == y or 1 in (x, y), f"cannot broadcast {x} and {y}"
        out.append(y if x == 1 else x)
    return tuple(out)
