"""Per-image loops over a new array of the right shape (slow, but right)."""
import numpy as np


def to_channels_last(images):
    n, c, h, w = images.shape
    out = np.empty((n, h, w, c), dtype=images.dtype)
    for k in range(c):
        out[:, :, :, k] = images[:, k, :, :]
    return out


def to_channels_first(images):
    n, h, w, c = images.shape
    out = np.empty((n, c, h, w), dtype=images.dtype)
    for k in range(c):
        out[:, k] = images[..., k]
    return out


def video_to_channels_last(videos):
    return np.stack([to_channels_last(v) for v in videos])


def video_to_channels_first(videos):
    return np.stack([to_channels_first(v) for v in videos])
