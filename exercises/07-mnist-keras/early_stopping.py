"""Early stopping and evaluate: train until the validation loss stops improving, keep the best epoch's weights,
and report the test loss and accuracy with model.evaluate.

preprocess() and build_model() are written for you (the small model of the Sequential exercise); write train()
and evaluate().
"""
from __future__ import annotations

import numpy as np
import keras


def preprocess(images: np.ndarray) -> np.ndarray:
    """uint8 images (n, 28, 28) to float32 rows (n, 784) in [0, 1]. Given."""
    return np.asarray(images).reshape(-1, 784).astype("float32") / 255.0


def build_model() -> keras.Model:
    """A compiled 784-64-10 classifier: softmax outputs, sparse cross-entropy (labels are digits 0..9), Adam and
    metrics=["accuracy"]. Given."""
    model = keras.Sequential([
        keras.Input(shape=(784,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def train(model: keras.Model, images: np.ndarray, labels: np.ndarray, max_epochs: int, patience: int,
          batch_size: int) -> dict[str, list[float]]:
    """Fit the model on preprocess(images) and the labels (digits) for at most max_epochs; return history.history.

    Call model.fit once, with epochs=max_epochs, the given batch_size, validation_split=0.1 (Keras holds out the
    last 10% and reports val_loss after each epoch), verbose=0, and
    callbacks=[keras.callbacks.EarlyStopping(...)] that watches "val_loss", waits `patience` epochs without
    improvement before it stops, and puts back the weights of the best epoch (restore_best_weights=True).
    The history then has one value per epoch that actually ran, often fewer than max_epochs.
    """
    # TODO: build the EarlyStopping callback, fit with it, return the history dict
    raise NotImplementedError


def evaluate(model: keras.Model, images: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """Return (loss, accuracy) of the model on these images and labels (digits), as model.evaluate measures them.

    model.evaluate(preprocess(images), labels, verbose=0) returns [loss, accuracy] for a model compiled with
    metrics=["accuracy"]: the loss first, then each metric in the order of compile().
    """
    # TODO: model.evaluate on the preprocessed images; return its two numbers as floats
    raise NotImplementedError
