"""Builds the shape from the right and returns reversed(...) itself: an iterator, not a shape."""


def broadcast_shape(a, b):
    ra, rb = list(reversed(a)), list(reversed(b))
    out = []
    for k in range(max(len(ra), len(rb))):
        x = ra[k] if k < len(ra) else 1
        y = rb[k] if k < len(rb) else 1
        if x != y and x != 1 and y != 1:
            raise ValueError("incompatible shapes")
        out.append(x if y == 1 else y)
    return reversed(out)
