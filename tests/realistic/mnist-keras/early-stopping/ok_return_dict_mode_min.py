"""EarlyStopping imported by name with mode="min" and min_delta=0 spelled out; evaluate with return_dict=True."""
import numpy as np
import keras
from keras.callbacks import EarlyStopping


def preprocess(images):
    return (images / 255.0).reshape(len(images), 784).astype(np.float32)


def build_model():
    model = keras.Sequential()
    model.add(keras.Input(shape=(784,)))
    model.add(keras.layers.Dense(64, activation="relu"))
    model.add(keras.layers.Dense(10, activation="softmax"))
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    return model


def train(model, images, labels, max_epochs, patience, batch_size):
    early = EarlyStopping(monitor="val_loss", mode="min", min_delta=0, patience=patience, verbose=1,
                          restore_best_weights=True)
    history = model.fit(preprocess(images), labels, batch_size, max_epochs, verbose=0, callbacks=[early],
                        validation_split=0.1)
    print("stopped at epoch", early.stopped_epoch, "best epoch", early.best_epoch)
    return history.history


def evaluate(model, images, labels):
    results = model.evaluate(preprocess(images), labels, verbose=0, return_dict=True)
    return [results["loss"], results["accuracy"]]
