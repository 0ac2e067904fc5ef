"""Three conversions right with transpose; to_channels_last cut with reshape (right shape, scrambled pixels)."""
import numpy as np


def to_channels_last(images):
    # (n, c, h, w) -> (n, h, w, c)
    n, c, h, w = images.shape
    return np.reshape(images, (n, h, w, c))


def to_channels_first(images):
    return images.transpose(0, 3, 1, 2)


def video_to_channels_last(videos):
    return videos.transpose(0, 1, 3, 4, 2)


def video_to_channels_first(videos):
    return videos.transpose(0, 1, 4, 2, 3)
