"""Layouts: move the channel axis of image and video batches between channels-first and channels-last."""
from __future__ import annotations

import numpy as np


def to_channels_last(images: np.ndarray) -> np.ndarray:
    """Images (n, channels, height, width) -> the same images as (n, height, width, channels).

    e.g. shape (2, 3, 5, 7) -> (2, 5, 7, 3), and result[i, y, x, c] == images[i, c, y, x].
    """
    # TODO: move axis 1 (channels) to the end, keeping height before width
    raise NotImplementedError


def to_channels_first(images: np.ndarray) -> np.ndarray:
    """Images (n, height, width, channels) -> the same images as (n, channels, height, width).

    e.g. shape (2, 5, 7, 3) -> (2, 3, 5, 7), and result[i, c, y, x] == images[i, y, x, c].
    """
    # TODO: move the last axis (channels) to position 1
    raise NotImplementedError


def video_to_channels_last(videos: np.ndarray) -> np.ndarray:
    """Videos (n, frames, channels, height, width) -> (n, frames, height, width, channels).

    e.g. shape (2, 4, 3, 5, 7) -> (2, 4, 5, 7, 3); instances and frames keep their places.
    """
    # TODO: move axis 2 (channels) to the end
    raise NotImplementedError


def video_to_channels_first(videos: np.ndarray) -> np.ndarray:
    """Videos (n, frames, height, width, channels) -> (n, frames, channels, height, width).

    e.g. shape (2, 4, 5, 7, 3) -> (2, 4, 3, 5, 7); instances and frames keep their places.
    """
    # TODO: move the last axis (channels) to position 2
    raise NotImplementedError
