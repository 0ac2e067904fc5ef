"""Reference: moving the channel axis of image and video batches."""
from __future__ import annotations

import numpy as np


def to_channels_last(images: np.ndarray) -> np.ndarray:
    return np.transpose(images, (0, 2, 3, 1))


def to_channels_first(images: np.ndarray) -> np.ndarray:
    return np.transpose(images, (0, 3, 1, 2))


def video_to_channels_last(videos: np.ndarray) -> np.ndarray:
    return np.transpose(videos, (0, 1, 3, 4, 2))


def video_to_channels_first(videos: np.ndarray) -> np.ndarray:
    return np.transpose(videos, (0, 1, 4, 2, 3))
