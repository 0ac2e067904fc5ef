"""Layouts: move the channel axis of image and video batches between channels-first and channels-last."""
from __future__ import annotations

import numpy as np


def to_channels_last(images: np.ndarray) -> np.ndarray:
    """Images (n, channels, height, width) -> the same images as (n, height, width, channels)."""
    # TODO: move axis 1 (channels) to the end, keeping height before width
    raise NotImplementedError


def to_channels_first(images: np.ndarray) -> np.ndarray:
    """Images (n, height, width, channels) -> the same images as (n, channels, height, width)."""
    batch, height, width, channels = images.shape
    return images.reshape(batch, channels, height, width)


def video_to_channels_last(videos: np.ndarray) -> np.ndarray:
    """Videos (n, frames, channels, height, width) -> (n, frames, height, width, channels)."""
    # TODO: move axis 2 (channels) to the end
    raise NotImplementedError


def video_to_channels_first(videos: np.ndarray) -> np.ndarray:
    """Videos (n, frames, height, width, channels) -> (n, frames, channels, height, width)."""
    # TODO: move the last axis (channels) to position 2
    raise NotImplementedError
