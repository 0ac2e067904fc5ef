"""from keras import layers; one-hot labels with categorical cross-entropy; other names."""
import numpy as np
from keras import Input, Model, layers
from keras.utils import to_categorical


def preprocess(images):
    flat = np.reshape(images, (len(images), 784))
    return flat.astype(np.float32) * (1.0 / 255.0)


def build_model():
    pixels = Input(shape=(784,))
    h1 = layers.Dense(64, activation="relu")(pixels)
    h2 = layers.Dense(64, activation="relu")(h1)
    probs = layers.Dense(10, activation="softmax")(h2)
    net = Model(inputs=[pixels], outputs=[probs])
    net.compile("adam", "categorical_crossentropy", metrics=["acc"])
    return net


def train(model, images, labels, epochs, batch_size):
    fit = model.fit(preprocess(images), to_categorical(labels, 10), epochs=epochs, batch_size=batch_size,
                    validation_split=0.1, shuffle=True, verbose=0)
    return fit.history


def predict(model, images):
    return model.predict(preprocess(images), batch_size=256, verbose=0)
