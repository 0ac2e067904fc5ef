"""predict() returns the predicted digits instead of the probabilities the docstring asks for."""
import numpy as np
import keras


def preprocess(images):
    return images.reshape(-1, 784).astype("float32") / 255.0


def build_model():
    inputs = keras.Input(shape=(784,))
    x = keras.layers.Dense(64, activation="relu")(inputs)
    x = keras.layers.Dense(64, activation="relu")(x)
    outputs = keras.layers.Dense(10, activation="softmax")(x)
    model = keras.Model(inputs=inputs, outputs=outputs)
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def train(model, images, labels, epochs, batch_size):
    return model.fit(preprocess(images), labels, epochs=epochs, batch_size=batch_size, validation_split=0.1,
                     verbose=0).history


def predict(model, images):
    return np.argmax(model.predict(preprocess(images), verbose=0), axis=1)
