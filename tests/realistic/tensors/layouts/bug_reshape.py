"""reshape to the new shape: right shapes, scrambled values."""


def to_channels_last(images):
    n, c, h, w = images.shape
    return images.reshape(n, h, w, c)


def to_channels_first(images):
    n, h, w, c = images.shape
    return images.reshape(n, c, h, w)


def video_to_channels_last(videos):
    n, f, c, h, w = videos.shape
    return videos.reshape(n, f, h, w, c)


def video_to_channels_first(videos):
    n, f, h, w, c = videos.shape
    return videos.reshape(n, f, c, h, w)
