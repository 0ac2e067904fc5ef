"""Misconception: reshaping to the new shape instead of moving the axis (right shape, scrambled values)."""
from __future__ import annotations

import numpy as np


def to_channels_last(images: np.ndarray) -> np.ndarray:
    n, c, h, w = images.shape
    return images.reshape(n, h, w, c)


def to_channels_first(images: np.ndarray) -> np.ndarray:
    n, h, w, c = images.shape
    return images.reshape(n, c, h, w)


def video_to_channels_last(videos: np.ndarray) -> np.ndarray:
    n, f, c, h, w = videos.shape
    return videos.reshape(n, f, h, w, c)


def video_to_channels_first(videos: np.ndarray) -> np.ndarray:
    n, f, h, w, c = videos.shape
    return videos.reshape(n, f, c, h, w)
