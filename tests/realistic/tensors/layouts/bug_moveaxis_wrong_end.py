"""np.moveaxis with the source and destination the wrong way round."""
import numpy as np


def to_channels_last(images):
    return np.moveaxis(images, -1, 1)


def to_channels_first(images):
    return np.moveaxis(images, 1, -1)


def video_to_channels_last(videos):
    return np.moveaxis(videos, -1, 2)


def video_to_channels_first(videos):
    return np.moveaxis(videos, 2, -1)
