"""Misconception: swapping the channel axis with the last one, which also swaps height and width."""
from __future__ import annotations

import numpy as np


def to_channels_last(images: np.ndarray) -> np.ndarray:
    return np.transpose(images, (0, 3, 2, 1))  # (n, c, h, w) -> (n, w, h, c)


def to_channels_first(images: np.ndarray) -> np.ndarray:
    return np.transpose(images, (0, 3, 2, 1))  # (n, h, w, c) -> (n, c, w, h)


def video_to_channels_last(videos: np.ndarray) -> np.ndarray:
    return np.swapaxes(videos, 2, 4)


def video_to_channels_first(videos: np.ndarray) -> np.ndarray:
    return np.swapaxes(videos, 2, 4)
