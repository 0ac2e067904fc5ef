"""Reverses both shapes, pads them, and reads each aligned pair as a set of sizes (a set without its 1)."""
import numpy as np


def broadcast_shape(a, b):
    a, b = list(a)[::-1], list(b)[::-1]
    length = max(len(a), len(b))
    a += [1] * (length - len(a))
    b += [1] * (length - len(b))
    out = []
    for pair in zip(a, b):
        sizes = set(pair) - {1}
        if len(sizes) > 1:
            raise ValueError(f"shape mismatch: {sizes}")
        out.append(sizes.pop() if sizes else 1)
    return tuple(np.array(out[::-1], dtype=np.int64).tolist())
