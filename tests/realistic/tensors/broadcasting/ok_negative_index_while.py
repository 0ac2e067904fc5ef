"""Walks both shapes from their ends with negative indices in a while loop; a missing dimension counts as 1."""


def broadcast_shape(a, b):
    result = []
    i = -1
    while -i <= max(len(a), len(b)):
        da = a[i] if -i <= len(a) else 1
        db = b[i] if -i <= len(b) else 1
        if da == 1:
            result.insert(0, db)
        elif db == 1 or da == db:
            result.insert(0, da)
        else:
            raise ValueError("operands could not be broadcast together: %s vs %s" % (str(a), str(b)))
        i -= 1
    return tuple(result)
