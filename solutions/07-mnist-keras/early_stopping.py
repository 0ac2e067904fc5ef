"""Reference: a small 784-64-10 model, fit with validation_split=0.1 and EarlyStopping on val_loss with the best
weights restored; the test loss and accuracy from model.evaluate."""
from __future__ import annotations

import numpy as np
import keras


def preprocess(images: np.ndarray) -> np.ndarray:
    return np.asarray(images).reshape(-1, 784).astype("float32") / 255.0


def build_model() -> keras.Model:
    model = keras.Sequential([
        keras.Input(shape=(784,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def train(model: keras.Model, images: np.ndarray, labels: np.ndarray, max_epochs: int, patience: int,
          batch_size: int) -> dict[str, list[float]]:
    stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=patience, restore_best_weights=True)
    history = model.fit(preprocess(images), np.asarray(labels), epochs=max_epochs, batch_size=batch_size,
                        validation_split=0.1, callbacks=[stop], verbose=0)
    return history.history


def evaluate(model: keras.Model, images: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    loss, accuracy = model.evaluate(preprocess(images), np.asarray(labels), verbose=0)
    return float(loss), float(accuracy)
