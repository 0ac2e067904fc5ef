"""patience=2 written into the callback instead of the patience argument."""
import numpy as np
import keras


def preprocess(images):
    return np.asarray(images).reshape(-1, 784).astype("float32") / 255.0


def build_model():
    model = keras.Sequential([
        keras.Input(shape=(784,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


EARLY_STOP = keras.callbacks.EarlyStopping(monitor="val_loss", patience=2, restore_best_weights=True)


def train(model, images, labels, max_epochs, patience, batch_size):
    history = model.fit(preprocess(images), np.asarray(labels), epochs=max_epochs, batch_size=batch_size,
                        validation_split=0.1, callbacks=[EARLY_STOP], verbose=0)
    return history.history


def evaluate(model, images, labels):
    loss, accuracy = model.evaluate(preprocess(images), np.asarray(labels), verbose=0)
    return loss, accuracy
