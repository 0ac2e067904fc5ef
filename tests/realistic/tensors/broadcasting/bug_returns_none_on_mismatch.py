"""Prints a message and returns None for incompatible shapes instead of raising."""


def broadcast_shape(a, b):
    n = max(len(a), len(b))
    a = [1] * (n - len(a)) + list(a)
    b = [1] * (n - len(b)) + list(b)
    shape = []
    for x, y in zip(a, b):
        if x == y or y == 1:
            shape.append(x)
        elif x == 1:
            shape.append(y)
        else:
            print("Error: shapes are not compatible")
            return None
    return tuple(shape)
