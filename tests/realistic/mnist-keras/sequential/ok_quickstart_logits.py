"""The TensorFlow 2 quickstart for beginners: a linear last layer, from_logits=True, softmax in predict()."""
import numpy as np
import tensorflow as tf


def preprocess(images):
    return images.astype("float32") / 255.0


def build_model():
    model = tf.keras.models.Sequential([
        tf.keras.Input(shape=(28, 28)),
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dense(128, activation="relu"),
        tf.keras.layers.Dropout(0.2),
        tf.keras.layers.Dense(10),
    ])
    loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    model.compile(optimizer="adam", loss=loss_fn, metrics=["accuracy"])
    return model


def train(model, images, labels, epochs, batch_size):
    history = model.fit(preprocess(images), labels, epochs=epochs, batch_size=batch_size,
                        validation_split=0.1, verbose=0)
    return history.history


def predict(model, images):
    probability_model = tf.keras.Sequential([model, tf.keras.layers.Softmax()])
    return probability_model.predict(preprocess(images), verbose=0)
