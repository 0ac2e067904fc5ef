"""Wrong (sequential): build_model() never calls model.compile()."""
from __future__ import annotations

import numpy as np
import keras


def preprocess(images: np.ndarray) -> np.ndarray:
    return np.asarray(images).reshape(-1, 784).astype("float32") / 255.0


def build_model() -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=(784,)),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    pass  # forgot model.compile(...)
    return model


def train(model: keras.Model, images: np.ndarray, labels: np.ndarray, epochs: int,
          batch_size: int) -> dict[str, list[float]]:
    # categorical_crossentropy compares the softmax row with a one-hot row.
    targets = keras.utils.to_categorical(labels, 10)
    history = model.fit(preprocess(images), targets, epochs=epochs, batch_size=batch_size,
                        validation_split=0.1, verbose=0)
    return history.history


def predict(model: keras.Model, images: np.ndarray) -> np.ndarray:
    return model.predict(preprocess(images), verbose=0)
