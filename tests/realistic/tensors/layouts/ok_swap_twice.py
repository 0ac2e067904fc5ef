"""Two swaps: channels to the end, then height and width back in order; .transpose(*axes) for videos."""


def to_channels_last(images):
    return images.swapaxes(1, 3).swapaxes(1, 2)


def to_channels_first(images):
    return images.swapaxes(1, 3).swapaxes(2, 3)


def video_to_channels_last(videos):
    return videos.transpose(0, 1, 3, 4, 2)


def video_to_channels_first(videos):
    return videos.transpose(0, 1, 4, 2, 3)
