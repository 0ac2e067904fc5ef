"""Videos reuse the image functions: frames merged into the batch axis, converted, then split again."""
import numpy as np


def to_channels_last(images):
    return np.ascontiguousarray(images.transpose(0, 2, 3, 1))


def to_channels_first(images):
    return np.ascontiguousarray(images.transpose(0, 3, 1, 2))


def video_to_channels_last(videos):
    n, f, c, h, w = videos.shape
    return to_channels_last(videos.reshape(n * f, c, h, w)).reshape(n, f, h, w, c)


def video_to_channels_first(videos):
    n, f, h, w, c = videos.shape
    return to_channels_first(videos.reshape(n * f, h, w, c)).reshape(n, f, c, h, w)
