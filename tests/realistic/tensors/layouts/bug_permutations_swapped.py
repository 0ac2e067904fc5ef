"""Uses each direction's permutation for the other: (0, 3, 1, 2) to go channels-last."""
import numpy as np


def to_channels_last(images):
    return np.transpose(images, (0, 3, 1, 2))


def to_channels_first(images):
    return np.transpose(images, (0, 2, 3, 1))


def video_to_channels_last(videos):
    return np.transpose(videos, (0, 1, 4, 2, 3))


def video_to_channels_first(videos):
    return np.transpose(videos, (0, 1, 3, 4, 2))
