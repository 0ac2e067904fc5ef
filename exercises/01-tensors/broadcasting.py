"""Broadcasting: the shape NumPy gives to an element-wise operation on two arrays."""
from __future__ import annotations


def broadcast_shape(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    """Return the broadcast shape of shapes `a` and `b`, e.g. (8, 1, 6) and (7, 1) -> (8, 7, 6).

    Raise ValueError when the shapes are incompatible. Do not use np.broadcast_shapes or np.broadcast.
    """
    # TODO: align the shapes from the right and combine each pair of dimensions
    raise NotImplementedError
