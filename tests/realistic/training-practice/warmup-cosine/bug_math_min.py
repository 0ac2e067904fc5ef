"""math.cos and min(): right on one epoch, fails on an array of epochs."""
import math


def cosine_decay(alpha0, decay_epochs, epoch, final_ratio=0.0):
    t = min(epoch, decay_epochs)
    return alpha0 * ((1 - final_ratio) * (1 + math.cos(math.pi * t / decay_epochs)) / 2 + final_ratio)


def warmup_cosine(alpha0, warmup_epochs, decay_epochs, epoch, final_ratio=0.0):
    if epoch < warmup_epochs:
        return alpha0 * epoch / warmup_epochs
    return cosine_decay(alpha0, decay_epochs, epoch - warmup_epochs, final_ratio)
