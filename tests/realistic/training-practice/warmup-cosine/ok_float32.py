import numpy as np


def cosine_decay(alpha0, decay_epochs, epoch, final_ratio=0.0):
    step = np.asarray(epoch).astype(np.float32)
    step = np.minimum(step, np.float32(decay_epochs))
    cos_part = np.float32(0.5) * (1 + np.cos(np.float32(np.pi) * step / np.float32(decay_epochs)))
    decayed = (1 - np.float32(final_ratio)) * cos_part + np.float32(final_ratio)
    return np.float32(alpha0) * decayed


def warmup_cosine(alpha0, warmup_epochs, decay_epochs, epoch, final_ratio=0.0):
    step = np.asarray(epoch).astype(np.float32)
    warmup_lr = np.float32(alpha0) * step / np.float32(warmup_epochs)
    after = np.clip(step - warmup_epochs, 0, None)
    return np.where(step < warmup_epochs, warmup_lr, cosine_decay(alpha0, decay_epochs, after, final_ratio))
