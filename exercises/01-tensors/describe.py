"""Describe: the shape and rank of the tensor that holds a dataset, following the usual conventions."""
from __future__ import annotations


def describe(kind: str, *, n: int | None = None, features: int | None = None, timesteps: int | None = None,
             height: int | None = None, width: int | None = None, channels: int | None = None,
             frames: int | None = None, layout: str = "channels_last") -> tuple[tuple[int, ...], int]:
    """Return (shape, rank) of the tensor for a dataset of the given kind.

    kind is one of:
      "scalar"     one number (no other argument is used)
      "vectors"    n instances with `features` features each
      "sequences"  n instances of `timesteps` steps with `features` features per step
      "images"     n images of `height` x `width` with `channels` channels
      "videos"     n videos of `frames` frames, each an image as above
    layout ("channels_last" or "channels_first") matters only for images and videos; for videos it says where
    the channels go inside each frame. Raise ValueError for any other layout when kind is images or videos.

    e.g. describe("images", n=32, height=64, width=64, channels=3, layout="channels_last") -> ((32, 64, 64, 3), 4)
         describe("vectors", n=100, features=10) -> ((100, 10), 2)
    """
    # TODO: build the shape tuple for each kind (axis 0 is always the instances), then its rank
    raise NotImplementedError
