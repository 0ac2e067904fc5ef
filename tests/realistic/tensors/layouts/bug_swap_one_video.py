"""Images done with moveaxis; for videos to channels-last, one swap of the channel axis with the last one."""
import numpy as np


def to_channels_last(images):
    return np.moveaxis(images, 1, -1)


def to_channels_first(images):
    return np.moveaxis(images, -1, 1)


def video_to_channels_last(videos):
    # channels are axis 2, put them last
    return np.swapaxes(videos, 2, -1)


def video_to_channels_first(videos):
    return np.moveaxis(videos, -1, 2)
