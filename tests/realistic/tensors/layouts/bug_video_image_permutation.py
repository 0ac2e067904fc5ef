"""Images right; videos given the images' 4-axis permutation."""
import numpy as np


def to_channels_last(images):
    return images.transpose(0, 2, 3, 1)


def to_channels_first(images):
    return images.transpose(0, 3, 1, 2)


def video_to_channels_last(videos):
    return videos.transpose(0, 2, 3, 1)


def video_to_channels_first(videos):
    return videos.transpose(0, 3, 1, 2)
