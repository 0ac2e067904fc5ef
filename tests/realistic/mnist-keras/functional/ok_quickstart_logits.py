"""Functional, the quickstart's pairing: (28, 28) input, Flatten, a linear output, from_logits=True, and
tf.nn.softmax in predict() (it returns a tensor)."""
import numpy as np
import keras
import tensorflow as tf


def preprocess(images):
    return images.astype("float32") / 255.0


def build_model():
    inputs = keras.Input(shape=(28, 28), name="digits")
    x = keras.layers.Flatten()(inputs)
    x = keras.layers.Dense(128, activation="relu")(x)
    x = keras.layers.Dropout(0.2)(x)
    logits = keras.layers.Dense(10, name="logits")(x)
    model = keras.Model(inputs, logits, name="mnist")
    model.compile(optimizer=keras.optimizers.Adam(),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=[keras.metrics.SparseCategoricalAccuracy(name="accuracy")])
    return model


def train(model, images, labels, epochs, batch_size):
    history = model.fit(preprocess(images), labels, batch_size=batch_size, epochs=epochs, validation_split=0.1,
                        verbose=0)
    return history.history


def predict(model, images):
    logits = model.predict(preprocess(images), verbose=0)
    return tf.nn.softmax(logits)  # a tensor, not an array: the values are what the docstring is about
