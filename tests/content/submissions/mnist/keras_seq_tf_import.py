"""Correct Sequential model in the slides' second form (an empty model, then .add, Activation layers), written
with `from tensorflow import keras`. input_dim= is deprecated in Keras 3 but still works, so this must pass."""
from __future__ import annotations

import numpy as np
from tensorflow import keras


def preprocess(images: np.ndarray) -> np.ndarray:
    return np.asarray(images).reshape(-1, 784).astype("float32") / 255.0


def build_model() -> keras.Model:
    model = keras.Sequential()
    model.add(keras.layers.Dense(128, input_dim=784))
    model.add(keras.layers.Activation("relu"))
    model.add(keras.layers.Dense(10))
    model.add(keras.layers.Activation("softmax"))
    model.compile(optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"])
    return model


def train(model: keras.Model, images: np.ndarray, labels: np.ndarray, epochs: int,
          batch_size: int) -> dict[str, list[float]]:
    history = model.fit(preprocess(images), keras.utils.to_categorical(labels, 10), epochs=epochs,
                        batch_size=batch_size, validation_split=0.1, verbose=0)
    return history.history


def predict(model: keras.Model, images: np.ndarray) -> np.ndarray:
    return model.predict(preprocess(images), verbose=0)
