"""Walks both shapes from the right with itertools.zip_longest."""
from itertools import zip_longest


def broadcast_shape(a, b):
    out = []
    for x, y in zip_longest(reversed(a), reversed(b), fillvalue=1):
        if x == y or y == 1:
            out.append(x)
        elif x == 1:
            out.append(y)
        else:
            raise ValueError(f"operands could not be broadcast together with shapes {a} {b}")
    return tuple(reversed(out))
