"""einsum with named axes, and contiguous copies."""
import numpy as np


def to_channels_last(images):
    return np.ascontiguousarray(np.einsum("nchw->nhwc", images))


def to_channels_first(images):
    return np.einsum("nhwc->nchw", images).copy()


def video_to_channels_last(videos):
    return np.einsum("nfchw->nfhwc", videos).copy()


def video_to_channels_first(videos):
    return np.ascontiguousarray(np.einsum("nfhwc->nfchw", videos))
