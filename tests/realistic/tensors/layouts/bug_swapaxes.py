"""One swap of the channel axis with the last: height and width end up swapped."""


def to_channels_last(images):
    return images.swapaxes(1, 3)


def to_channels_first(images):
    return images.swapaxes(1, 3)


def video_to_channels_last(videos):
    return videos.swapaxes(2, 4)


def video_to_channels_first(videos):
    return videos.swapaxes(2, 4)
