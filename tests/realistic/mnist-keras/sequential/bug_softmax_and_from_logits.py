"""Softmax in the last layer AND from_logits=True in the loss: softmax applied twice."""
import numpy as np
import keras


def preprocess(images):
    return images.reshape(-1, 784).astype("float32") / 255.0


def build_model():
    model = keras.Sequential([
        keras.Input(shape=(784,)),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])
    return model


def train(model, images, labels, epochs, batch_size):
    return model.fit(preprocess(images), labels, epochs=epochs, batch_size=batch_size, validation_split=0.1,
                     verbose=0).history


def predict(model, images):
    return model.predict(preprocess(images), verbose=0)
