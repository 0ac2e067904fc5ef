"""Pads the shorter shape with ones and returns a list (a shape either way)."""


def broadcast_shape(a, b):
    n = max(len(a), len(b))
    a = [1] * (n - len(a)) + list(a)
    b = [1] * (n - len(b)) + list(b)
    result = []
    for i in range(n):
        if a[i] != 1 and b[i] != 1 and a[i] != b[i]:
            raise ValueError("incompatible dimensions %d and %d" % (a[i], b[i]))
        result.append(b[i] if a[i] == 1 else a[i])
    return result
