"""Raises its own exception class, a subclass of ValueError (any `except ValueError` catches it)."""


class BroadcastError(ValueError):
    """Two shapes that cannot be broadcast together."""


def _combine(x, y):
    if x == 1:
        return y
    if y == 1 or x == y:
        return x
    raise BroadcastError(f"dimension {x} does not match {y}")


def broadcast_shape(a, b):
    a, b = tuple(a), tuple(b)
    if len(a) < len(b):
        a, b = b, a
    b = (1,) * (len(a) - len(b)) + b
    return tuple(_combine(x, y) for x, y in zip(a, b))
