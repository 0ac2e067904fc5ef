"""Checks only whether the left dimension is 1: a 1 on the right side is taken as a mismatch."""


def broadcast_shape(a, b):
    n = max(len(a), len(b))
    a = (1,) * (n - len(a)) + tuple(a)
    b = (1,) * (n - len(b)) + tuple(b)
    out = []
    for x, y in zip(a, b):
        if x != 1 and x != y:
            raise ValueError(f"cannot broadcast {x} with {y}")
        out.append(y)
    return tuple(out)
