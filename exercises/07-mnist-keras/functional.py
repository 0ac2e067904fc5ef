"""MNIST with Keras, the functional API: call layers on tensors, then make a Model from inputs to outputs.

`import keras` (Keras 3) and `from tensorflow import keras` give the same library here; use either.
"""
from __future__ import annotations

import numpy as np
import keras


def preprocess(images: np.ndarray) -> np.ndarray:
    """Turn uint8 images (n, 28, 28) with values 0..255 into float32 in [0, 1], shaped as the model's input.

    With keras.Input(shape=(784,)) that is (n, 784); with keras.Input(shape=(28, 28)) it is (n, 28, 28).
    """
    # TODO: reshape to your model's input and scale by 1/255
    raise NotImplementedError


def build_model() -> keras.Model:
    """Return a compiled functional model: inputs = keras.Input(shape=(784,)), then call the layers on tensors.

    x = keras.layers.Dense(64, activation="relu")(inputs), a second Dense(64, relu) on x, then
    outputs = keras.layers.Dense(10, activation="softmax")(x), and keras.Model(inputs=inputs, outputs=outputs).
    Compile with an optimizer ("rmsprop" as in the slides, or "adam"), a cross-entropy loss that matches how
    train() passes the labels, and metrics=["accuracy"].
    """
    # TODO: Input -> Dense -> Dense -> Dense(10, softmax) -> keras.Model; compile; return
    raise NotImplementedError


def train(model: keras.Model, images: np.ndarray, labels: np.ndarray, epochs: int,
          batch_size: int) -> dict[str, list[float]]:
    """Fit the model on preprocess(images) and the labels; return history.history.

    images: uint8 (n, 28, 28); labels: int digits (n,). With loss="categorical_crossentropy" the labels must
    be one-hot (keras.utils.to_categorical(labels, 10)); with "sparse_categorical_crossentropy" they stay
    digits. Use the given epochs and batch_size, validation_split=0.1 and verbose=0.
    """
    # TODO: model.fit(...) and return its history dict
    raise NotImplementedError


def predict(model: keras.Model, images: np.ndarray) -> np.ndarray:
    """Return the class probabilities for uint8 images (n, 28, 28): an array of shape (n, 10)."""
    # TODO: model.predict on the preprocessed images (verbose=0)
    raise NotImplementedError
