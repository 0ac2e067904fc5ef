"""np.rollaxis, as older tutorials use it (rolls one axis to a new position)."""
import numpy as np


def to_channels_last(images):
    return np.rollaxis(images, 1, 4)


def to_channels_first(images):
    return np.rollaxis(images, 3, 1)


def video_to_channels_last(videos):
    return np.rollaxis(videos, 2, 5)


def video_to_channels_first(videos):
    return np.rollaxis(videos, 4, 2)
