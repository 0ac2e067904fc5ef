"""Checks shared by the two Keras MNIST graders (test_sequential.py, test_functional.py).

The model lives in the worker; it is inspected through its remote handle: to_json() and get_compile_config()
come back as plain data, input_shape/output_shape as tuples, predict() as arrays. The test labels never leave
this process: the learner's predict() gets the test images, the accuracy is computed here.
Not a grader itself (pytest is only ever given the test_*.py files); the graders import it by name.
"""
from __future__ import annotations

import json
import math
import re
from typing import Any, Callable

import numpy as np

from tutor.grading.checks import counted, t
from tutor.grading.proxy import RemoteObject, SubmissionError

# Offline subset (4,000 train / 1,000 test; 5 epochs, batch 64), measured on this machine over 3 seeds: the
# reference Sequential 784-128-10 with Adam 0.921-0.929, the functional 784-64-64-10 with RMSprop 0.915-0.923,
# a 784-32-10 with Adam 0.903-0.915 (plain SGD at lr 0.01: 0.82-0.84, too slow for 5 epochs). 0.88 leaves a
# margin for those and unlucky seeds.
# Full MNIST (60,000 / 10,000; 8 epochs, batch 64), measured over seeds 0-2 with `python bench/mnist_thresholds.py`
# (docs/benchmarks.md): Sequential reference 0.9743-0.9775, functional reference 0.9709-0.9725, a 784-32-10 with
# Adam 0.9598-0.9629 (Sequential) and 0.9604-0.9651 (functional). 0.955: below the smaller model's worst seed,
# 0.016 below the worst reference.
THRESHOLD = {"subset": 0.88, "full": 0.955}
EPOCHS = {"subset": 5, "full": 8}
BATCH_SIZE = 64
INPUT_SHAPES = ((None, 784), (None, 28, 28))
CROSS_ENTROPIES = ("categorical_crossentropy", "sparse_categorical_crossentropy")


class Explained(SubmissionError):
    """The learner's exception with our explanation as the message; their traceback is kept."""

    def __init__(self, original: SubmissionError, message: str) -> None:
        AssertionError.__init__(self, message)
        self.info, self.call = original.info, original.call


def source(mnist: Any) -> str:
    return "full" if mnist.full else "subset"


def describe(value: Any) -> str:
    if isinstance(value, RemoteObject):
        return value.remote_type
    if isinstance(value, np.ndarray):
        return t(f"an array of shape {value.shape}", f"un arreglo de forma {value.shape}")
    return type(value).__name__


def as_numpy(value: Any) -> Any:
    """A tensor returned where the docstring says array (e.g. tf.nn.softmax(logits)) is read through .numpy():
    the values are what matters. Anything else comes back unchanged, for the check to describe."""
    if isinstance(value, RemoteObject) and "Tensor" in value.remote_type.rsplit(".", 1)[-1]:
        try:
            got = value.numpy()
        except (SubmissionError, AttributeError):
            return value
        return got if isinstance(got, np.ndarray) else value
    return value


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def loss_name(config: Any) -> tuple[str, bool]:
    """(name, from_logits) of a compiled loss, whether given as a string, a function or a Loss object."""
    if isinstance(config, str):
        return config, False
    if isinstance(config, dict) and config.get("class_name") == "function":
        return str(config.get("config")), False
    if isinstance(config, dict) and "class_name" in config:
        inner = config.get("config") or {}
        return _snake(str(config["class_name"])), bool(inner.get("from_logits", False))
    return repr(config)[:80], False


def pairing_words(last: str | None, from_logits: bool | None) -> tuple[str, str]:
    """What the grader saw, in words: the output layer's activation and the loss's from_logits."""
    layer_en = (f"the last layer's activation is {last!r}" if last else
                "the last layer's activation cannot be read from the model's config")
    layer_es = (f"la activación de la última capa es {last!r}" if last else
                "la activación de la última capa no se puede leer de la configuración del modelo")
    if from_logits is None:
        return layer_en + " and the model is not compiled", layer_es + " y el modelo no está compilado"
    return (f"{layer_en} and the loss has from_logits={from_logits}",
            f"{layer_es} y la pérdida tiene from_logits={from_logits}")


class Workshop:
    """One Keras MNIST exercise: `api` is "Sequential" or "Functional" (what to_json() calls the model)."""

    def __init__(self, api: str) -> None:
        self.api = api
        self.cache: dict[str, Any] = {}
        self.fitted_epochs = 0

    # --- shared steps, done once per grade ------------------------------------------------------
    def once(self, key: str, make: Callable[[], Any]) -> Any:
        if key not in self.cache:
            try:
                self.cache[key] = ("ok", make())
            except AssertionError as exc:
                self.cache[key] = ("failed", exc)
                raise
        status, value = self.cache[key]
        if status == "failed":
            raise value
        return value

    def after(self, key: str, make: Callable[[], Any]) -> Any:
        """A check that needs an earlier step names the failed step instead of repeating its error."""
        if key in self.cache and self.cache[key][0] == "failed":
            raise AssertionError(t(f"not checked: {key} failed (see the check above)",
                                   f"no se comprobó: falló {key} (ver la comprobación anterior)"))
        return make()

    def model(self, submission: Any) -> RemoteObject:
        def make() -> RemoteObject:
            model = submission.build_model()
            assert model is not None, t("build_model() returned None; return the model (`return model`)",
                                        "build_model() devolvió None; devuelve el modelo (`return model`)")
            assert isinstance(model, RemoteObject) and model.remote_type.startswith("keras"), t(
                f"build_model() must return a Keras model; it returned {describe(model)}",
                f"build_model() debe devolver un modelo de Keras; devolvió {describe(model)}")
            return model
        return self.once("build_model()", make)

    def config(self, submission: Any) -> dict:
        model = self.model(submission)

        def make() -> dict:
            try:
                return json.loads(model.to_json())
            except SubmissionError:
                # A subclassed Model without get_config() cannot be serialised; its class name still tells.
                return {"class_name": model.remote_type.rsplit(".", 1)[-1], "config": {}}
        return self.once("to_json()", make)

    def input_shape(self, submission: Any) -> tuple:
        model = self.model(submission)

        def make() -> tuple:
            try:
                shape = model.input_shape
            except SubmissionError as exc:
                raise Explained(exc, t(
                    "the model from build_model() does not know the shape of its input yet (Keras would only "
                    "guess it from the first batch it sees). Start with "
                    "keras.Input(shape=(784,)): the first element of the Sequential list, or the tensor that "
                    "keras.Model(inputs=..., outputs=...) starts from. (In Keras 3, input_shape= and input_dim= on "
                    "a Dense layer are deprecated.)",
                    "el modelo de build_model() aún no conoce la forma de su entrada (Keras solo la adivinaría "
                    "con el primer lote que vea). Empieza con "
                    "keras.Input(shape=(784,)): el primer elemento de la lista de Sequential, o el tensor del que "
                    "parte keras.Model(inputs=..., outputs=...). (En Keras 3, input_shape= e input_dim= en una "
                    "capa Dense están obsoletos.)")) from None
            return tuple(shape) if isinstance(shape, (tuple, list)) else shape
        return self.once("input_shape", make)

    def ready_to_train(self, submission: Any, mnist: Any) -> None:
        """Nothing trains until build_model() and preprocess() pass their shape checks (input, output, what
        preprocess() gives): a starter or a model that cannot take the images gets its verdict in seconds, not
        after minutes of fit() on the full data."""
        try:  # the shapes only: unscaled pixels still train (badly), and the accuracy check says how badly
            self.once("shapes only", lambda: self._shapes(submission, mnist, scale=False))
        except AssertionError as exc:
            why = str(exc).strip()[:600]
            raise AssertionError(t(
                "not trained: build_model() and preprocess() must first pass the input/output shape check, and "
                f"nothing is trained until they do. That check said: {why}",
                "no se entrenó: build_model() y preprocess() deben pasar primero la comprobación de formas de "
                f"entrada y salida, y no se entrena nada hasta entonces. Esa comprobación dijo: {why}")) from None

    def history(self, submission: Any, mnist: Any, record: Any) -> dict:
        """train()'s history; `self.fitted_epochs` counts the epochs Keras's fit() reported while train() ran (the
        worker wraps Model.fit and sends an event per epoch)."""
        model = self.model(submission)

        def make() -> dict:
            self.ready_to_train(submission, mnist)
            epochs = EPOCHS[source(mnist)]
            before = len(record.events("epoch"))
            try:
                history = submission.train(model, mnist.x_train, mnist.y_train, epochs, BATCH_SIZE)
            except SubmissionError as exc:
                raise self.explain_fit(exc, model) from None
            finally:
                self.fitted_epochs = len(record.events("epoch")) - before
            assert isinstance(history, dict), t(
                f"train() must return history.history, the dict of per-epoch metrics that model.fit() records; "
                f"it returned {describe(history)}",
                f"train() debe devolver history.history, el dict de métricas por época que registra model.fit(); "
                f"devolvió {describe(history)}")
            return history
        return self.once("train()", make)

    def explain_fit(self, exc: SubmissionError, model: RemoteObject) -> SubmissionError:
        """Keras's errors from fit(), in terms of what to change."""
        msg = str(exc.info.get("message", ""))
        if "must call `compile()`" in msg or "must call compile()" in msg:
            return Explained(exc, t(
                "train(): the model is not compiled. build_model() must call model.compile(optimizer=..., "
                "loss=..., metrics=['accuracy']) before returning the model.",
                "train(): el modelo no está compilado. build_model() debe llamar model.compile(optimizer=..., "
                "loss=..., metrics=['accuracy']) antes de devolver el modelo."))
        if "must have the same rank" in msg and "target.shape=(None,)" in msg:
            return Explained(exc, t(
                "train(): the loss is categorical_crossentropy, which compares the 10 probabilities with a one-hot "
                "row per label, but the labels are plain digits (shape (n,)). Either one-hot them with "
                "keras.utils.to_categorical(labels, 10), or compile with loss='sparse_categorical_crossentropy', "
                "which takes the digits as they are.",
                "train(): la pérdida es categorical_crossentropy, que compara las 10 probabilidades con una fila "
                "one-hot por etiqueta, pero las etiquetas son dígitos (forma (n,)). Conviértelas con "
                "keras.utils.to_categorical(labels, 10), o compila con loss='sparse_categorical_crossentropy', que "
                "recibe los dígitos tal cual."))
        if "target.ndim - 1" in msg and re.search(r"target\.shape=\(None, 10\)", msg):
            return Explained(exc, t(
                "train(): the loss is sparse_categorical_crossentropy, which takes the labels as digits 0..9, but "
                "they arrive one-hot (shape (n, 10)). Pass the digits, or use loss='categorical_crossentropy'.",
                "train(): la pérdida es sparse_categorical_crossentropy, que recibe las etiquetas como dígitos "
                "0..9, pero llegan en one-hot (forma (n, 10)). Pasa los dígitos, o usa "
                "loss='categorical_crossentropy'."))
        if "incompatible with the layer" in msg or "expected shape" in msg or "expected axis" in msg:
            return Explained(exc, t(
                "train(): the arrays given to fit() do not have the model's input shape. Use the same "
                "preprocess() for training and prediction, shaped like keras.Input: (n, 784) for shape=(784,), "
                f"(n, 28, 28) for shape=(28, 28). Keras said: {msg.splitlines()[0][:300]}",
                "train(): los arreglos que recibe fit() no tienen la forma de entrada del modelo. Usa el mismo "
                "preprocess() para entrenar y predecir, con la forma de keras.Input: (n, 784) para shape=(784,), "
                f"(n, 28, 28) para shape=(28, 28). Keras dijo: {msg.splitlines()[0][:300]}"))
        if "Arguments `target` and `output` must have the same shape" in msg or "must have rank" in msg:
            return Explained(exc, t(
                f"train(): the labels and the model's output do not match: {msg.splitlines()[0][:300]}. The output "
                "must be (n, 10): flatten (28, 28) inputs before the Dense layers (keras.layers.Flatten()).",
                f"train(): las etiquetas y la salida del modelo no coinciden: {msg.splitlines()[0][:300]}. La "
                "salida debe ser (n, 10): aplana las entradas (28, 28) antes de las capas Dense "
                "(keras.layers.Flatten())."))
        return exc

    # --- checks -------------------------------------------------------------------------------------
    def check_api(self, submission: Any) -> None:
        config = self.config(submission)
        kind = config.get("class_name")
        if self.api == "Sequential":
            assert kind == "Sequential", t(
                f"build_model() returned a {kind} model; this exercise is about the Sequential API: "
                "keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(...), ...]) or "
                "model = keras.Sequential() followed by model.add(...)",
                f"build_model() devolvió un modelo {kind}; este ejercicio es sobre la API secuencial: "
                "keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(...), ...]) o "
                "model = keras.Sequential() seguido de model.add(...)")
        else:
            assert kind != "Sequential", t(
                "build_model() returned a Sequential model; this exercise is about the functional API: "
                "inputs = keras.Input(shape=(784,)), x = keras.layers.Dense(64, activation='relu')(inputs), ..., "
                "model = keras.Model(inputs=inputs, outputs=outputs)",
                "build_model() devolvió un modelo Sequential; este ejercicio es sobre la API funcional: "
                "inputs = keras.Input(shape=(784,)), x = keras.layers.Dense(64, activation='relu')(inputs), ..., "
                "model = keras.Model(inputs=inputs, outputs=outputs)")
            assert kind == "Functional", t(
                f"build_model() returned a {kind}; build it with keras.Model(inputs=..., outputs=...) from a "
                "keras.Input through the layers (no subclass of keras.Model)",
                f"build_model() devolvió un {kind}; constrúyelo con keras.Model(inputs=..., outputs=...) desde un "
                "keras.Input a través de las capas (sin subclases de keras.Model)")
        dense = [layer for layer in config.get("config", {}).get("layers", []) if layer.get("class_name") == "Dense"]
        assert len(dense) >= 2, t(
            f"the model has {counted(len(dense), 'Dense layer')}; use at least a hidden Dense layer (relu) and the "
            "output Dense layer with 10 units",
            f"el modelo tiene {counted(len(dense), 'Dense layer')}; usa al menos una capa Dense oculta (relu) y la "
            "Dense de salida con 10 unidades")

    def check_shapes(self, submission: Any, mnist: Any) -> None:
        self.after("build_model()", lambda: self.model(submission))
        self.once("shapes", lambda: self._shapes(submission, mnist))

    def _shapes(self, submission: Any, mnist: Any, scale: bool = True) -> None:
        model = self.model(submission)
        shape = self.input_shape(submission)
        assert shape in INPUT_SHAPES, t(
            f"the model's input shape is {shape}; an MNIST image is (784,) values when flattened or (28, 28) as "
            "it is: keras.Input(shape=(784,)). The batch axis (None) is not part of shape=.",
            f"la forma de entrada del modelo es {shape}; una imagen de MNIST son (784,) valores aplanada o "
            "(28, 28) tal cual: keras.Input(shape=(784,)). El eje del lote (None) no va en shape=.")
        out = model.output_shape
        out = tuple(out) if isinstance(out, (list, tuple)) else out
        assert out == (None, 10), t(
            f"the model's output shape is {out}; it must be (None, 10), one probability per digit."
            + (" A Dense layer acts on the last axis only: with (28, 28) inputs add keras.layers.Flatten() "
               "before the Dense layers." if isinstance(out, tuple) and len(out) == 3 else
               " The last layer is Dense(10, activation='softmax')."),
            f"la forma de salida del modelo es {out}; debe ser (None, 10), una probabilidad por dígito."
            + (" Una capa Dense actúa solo sobre el último eje: con entradas (28, 28) agrega "
               "keras.layers.Flatten() antes de las capas Dense." if isinstance(out, tuple) and len(out) == 3 else
               " La última capa es Dense(10, activation='softmax')."))
        rng = np.random.default_rng(707)
        images = mnist.x_train[rng.choice(len(mnist.x_train), 16, replace=False)]
        x = submission.preprocess(images)
        assert isinstance(x, np.ndarray) and x.shape == (16,) + shape[1:], t(
            f"preprocess() turned 16 images into {describe(x)}; the model takes {(16,) + shape[1:]}",
            f"preprocess() convirtió 16 imágenes en {describe(x)}; el modelo recibe {(16,) + shape[1:]}")
        if not scale:
            return
        assert x.dtype.kind == "f" and 0.0 <= float(x.min()) and float(x.max()) <= 1.0 and float(x.max()) > 0.5, t(
            f"preprocess() gives dtype {x.dtype}, values {float(x.min()):g}..{float(x.max()):g}; scale the "
            "pixels to [0, 1]: images.astype('float32') / 255",
            f"preprocess() da dtype {x.dtype}, valores {float(x.min()):g}..{float(x.max()):g}; escala los "
            "píxeles a [0, 1]: images.astype('float32') / 255")

    def check_probabilities(self, submission: Any, mnist: Any) -> None:
        """The learner's own predict() gives probabilities: from a softmax layer, or a softmax applied in predict()
        to a linear model's logits (the TensorFlow quickstart's way). The message names the pairing seen."""
        model = self.after("build_model()", lambda: self.model(submission))
        rng = np.random.default_rng(71)
        images = mnist.x_train[rng.choice(len(mnist.x_train), 8, replace=False)]
        out = as_numpy(submission.predict(model, images))
        assert isinstance(out, np.ndarray) and out.shape == (8, 10), t(
            f"predict() must return the (n, 10) class probabilities; for 8 images it returned {describe(out)}",
            f"predict() debe devolver las probabilidades (n, 10) de las clases; para 8 imágenes devolvió "
            f"{describe(out)}")
        out = out.astype(np.float64)
        sums = out.sum(axis=1)
        if bool(np.all(out >= 0)) and bool(np.allclose(sums, 1.0, atol=1e-3)):
            return
        shown = ", ".join(f"{v:.3f}" for v in sums[:3])
        last, from_logits = self.last_activation(submission), self.from_logits(submission)
        seen_en, seen_es = pairing_words(last, from_logits)
        if last == "softmax":
            fix_en = ("the model ends in softmax, so return what model.predict(preprocess(images), verbose=0) gives, "
                      "unchanged (no argmax, no log)")
            fix_es = ("el modelo termina en softmax, así que devuelve lo que da model.predict(preprocess(images), "
                      "verbose=0), sin cambios (sin argmax, sin log)")
        elif from_logits:
            fix_en = ("the model gives raw scores (logits), so predict() must turn them into probabilities: "
                      "keras.ops.softmax(model.predict(x, verbose=0)) or tf.nn.softmax(...).numpy()")
            fix_es = ("el modelo da puntajes crudos (logits), así que predict() debe convertirlos en probabilidades: "
                      "keras.ops.softmax(model.predict(x, verbose=0)) o tf.nn.softmax(...).numpy()")
        else:
            fix_en = ("give the output layer activation='softmax', keras.layers.Dense(10, activation='softmax'), "
                      "so that each row is 10 probabilities that add up to 1 (or keep it linear, compile the loss "
                      "with from_logits=True and apply softmax in predict())")
            fix_es = ("dale a la capa de salida activation='softmax', keras.layers.Dense(10, activation='softmax'), "
                      "para que cada fila sean 10 probabilidades que suman 1 (o déjala lineal, compila la pérdida con "
                      "from_logits=True y aplica softmax en predict())")
        raise AssertionError(t(
            f"predict() does not return probabilities (rows sum to {shown}, …; {seen_en}): {fix_en}",
            f"predict() no devuelve probabilidades (las filas suman {shown}, …; {seen_es}): {fix_es}"))

    def last_activation(self, submission: Any) -> str | None:
        """The output layer's activation from the model's config; None when the config does not show it."""
        config = self.config(submission).get("config", {})
        layers = config.get("layers", [])
        if not layers:
            return None  # e.g. a subclassed model: its call() is not in the config
        outputs = config.get("output_layers")
        layer = layers[-1]
        if outputs:
            name = outputs[0][0] if isinstance(outputs[0], list) else outputs[0]
            layer = next((l for l in layers if l.get("config", {}).get("name") == name), layer)
        kind = layer.get("class_name")
        if kind == "Softmax":
            return "softmax"
        if kind not in ("Dense", "Activation"):
            return None  # a Lambda or a custom layer: what it computes is not in the config
        activation = layer.get("config", {}).get("activation", "linear")
        if isinstance(activation, dict):  # an activation given as a function or an object
            activation = activation.get("config") or activation.get("class_name")
        activation = str(activation)
        return "softmax" if "softmax" in activation.lower() else activation

    def from_logits(self, submission: Any) -> bool | None:
        model = self.model(submission)
        try:
            if model.compiled is not True:
                return None
            _, value = loss_name((model.get_compile_config() or {}).get("loss"))
        except SubmissionError:
            return None
        return value

    def check_compiled(self, submission: Any) -> dict:
        self.after("build_model()", lambda: self.model(submission))
        model = self.model(submission)
        compiled = model.compiled
        assert compiled is True, t(
            "the model is not compiled: build_model() must call model.compile(optimizer='adam', "
            "loss='sparse_categorical_crossentropy', metrics=['accuracy']) (or another optimizer and "
            "cross-entropy) before returning it",
            "el modelo no está compilado: build_model() debe llamar model.compile(optimizer='adam', "
            "loss='sparse_categorical_crossentropy', metrics=['accuracy']) (u otro optimizador y entropía "
            "cruzada) antes de devolverlo")
        config = model.get_compile_config() or {}
        name, from_logits = loss_name(config.get("loss"))
        assert name in CROSS_ENTROPIES, t(
            f"the loss is {name!r}; a 10-class classifier is trained with a cross-entropy: "
            "'categorical_crossentropy' (labels one-hot) or 'sparse_categorical_crossentropy' (labels 0..9)",
            f"la pérdida es {name!r}; un clasificador de 10 clases se entrena con entropía cruzada: "
            "'categorical_crossentropy' (etiquetas one-hot) o 'sparse_categorical_crossentropy' (etiquetas 0..9)")
        last = self.last_activation(submission)
        seen_en, seen_es = pairing_words(last, from_logits)
        assert not (last == "softmax" and from_logits), t(
            f"{seen_en}: the loss would apply softmax a second time to what is already probabilities. Either leave "
            "from_logits at False, or make the last layer linear and apply softmax in predict()",
            f"{seen_es}: la pérdida aplicaría softmax por segunda vez a lo que ya son probabilidades. O deja "
            "from_logits en False, o haz lineal la última capa y aplica softmax en predict()")
        assert not (last not in (None, "softmax") and not from_logits), t(
            f"{seen_en}: the model gives raw scores and the loss reads them as probabilities. Either end the model "
            "with Dense(10, activation='softmax'), or keep it linear and compile with from_logits=True "
            "(keras.losses.SparseCategoricalCrossentropy(from_logits=True)), applying softmax in predict()",
            f"{seen_es}: el modelo da puntajes crudos y la pérdida los lee como probabilidades. O termina el modelo "
            "con Dense(10, activation='softmax'), o déjalo lineal y compila con from_logits=True "
            "(keras.losses.SparseCategoricalCrossentropy(from_logits=True)), aplicando softmax en predict()")
        optimizer = config.get("optimizer")
        opt_name = optimizer.get("class_name") if isinstance(optimizer, dict) else optimizer
        assert opt_name, t("no optimizer in compile(): pass optimizer='adam' or 'rmsprop'",
                           "no hay optimizador en compile(): pasa optimizer='adam' o 'rmsprop'")
        return {"optimizer": str(opt_name), "loss": name, "pairing": pairing_words(last, from_logits)[0]}

    def check_training(self, submission: Any, mnist: Any, record: Any) -> dict:
        self.after("build_model()", lambda: self.model(submission))
        history = self.history(submission, mnist, record)
        epochs = EPOCHS[source(mnist)]
        assert self.fitted_epochs >= epochs, t(
            f"train() returned a history, but Keras's model.fit() trained the model for "
            f"{counted(self.fitted_epochs, 'epoch')} of the {epochs} asked: train the model with model.fit(x, y, "
            "epochs=epochs, batch_size=batch_size, validation_split=0.1, verbose=0) and return history.history",
            f"train() devolvió un historial, pero model.fit() de Keras entrenó el modelo "
            f"{counted(self.fitted_epochs, 'epoch')} de las {epochs} pedidas: entrena el modelo con model.fit(x, y, "
            "epochs=epochs, batch_size=batch_size, validation_split=0.1, verbose=0) y devuelve history.history")
        keys = sorted(history)
        val_acc = [k for k in keys if k.startswith("val_") and "acc" in k]
        assert "val_loss" in history, t(
            f"history has {keys} but no val_loss: pass validation_split=0.1 to model.fit(), so that Keras "
            "holds out 10% of the training data and measures the loss on it after each epoch",
            f"history tiene {keys} pero no val_loss: pasa validation_split=0.1 a model.fit(), para que Keras "
            "aparte un 10% de los datos de entrenamiento y mida la pérdida en ellos tras cada época")
        assert val_acc, t(
            f"history has {keys} but no validation accuracy: compile with metrics=['accuracy']",
            f"history tiene {keys} pero no la exactitud de validación: compila con metrics=['accuracy']")
        losses = history.get("loss", [])
        assert isinstance(losses, list) and len(losses) == epochs, t(
            f"train() was asked for {epochs} epochs and history['loss'] has {counted(len(losses), 'entry')}: "
            "model.fit(..., epochs=epochs, batch_size=batch_size, validation_split=0.1)",
            f"a train() se le pidieron {epochs} épocas y history['loss'] tiene {counted(len(losses), 'entry')}: "
            "model.fit(..., epochs=epochs, batch_size=batch_size, validation_split=0.1)")
        assert all(isinstance(v, (int, float)) and math.isfinite(v) for v in losses), t(
            f"the training loss is not finite: {losses}", f"la pérdida de entrenamiento no es finita: {losses}")
        assert losses[-1] < losses[0], t(
            f"the training loss did not go down: {[round(v, 4) for v in losses]}",
            f"la pérdida de entrenamiento no bajó: {[round(v, 4) for v in losses]}")
        return {"val_accuracy": round(float(history[val_acc[0]][-1]), 4)}

    def check_accuracy(self, submission: Any, mnist: Any, record: Any) -> float:
        self.after("build_model()", lambda: self.model(submission))
        self.after("train()", lambda: self.history(submission, mnist, record))
        probs = as_numpy(submission.predict(self.model(submission), mnist.x_test))
        n = len(mnist.y_test)
        if isinstance(probs, np.ndarray) and probs.shape == (n,) and probs.dtype.kind in "iu":
            # Labels instead of probabilities: the probabilities check says so; the accuracy can still be measured.
            return float(np.mean(probs == mnist.y_test))
        assert isinstance(probs, np.ndarray) and probs.shape == (n, 10), t(
            f"predict() must return the (n, 10) probabilities of model.predict(preprocess(images)); for {n} "
            f"images it returned {describe(probs)}",
            f"predict() debe devolver las probabilidades (n, 10) de model.predict(preprocess(images)); para {n} "
            f"imágenes devolvió {describe(probs)}")
        accuracy = float(np.mean(np.argmax(probs, axis=1) == mnist.y_test))
        return accuracy

    def accuracy_message(self, accuracy: float, mnist: Any) -> str:
        src = source(mnist)
        want = THRESHOLD[src]
        return t(
            f"test accuracy {accuracy:.3f}, below {want:.2f} ({mnist.source}, {EPOCHS[src]} epochs of batch "
            f"{BATCH_SIZE}). Scale the pixels to [0, 1], use 'adam' or 'rmsprop', and a hidden layer of 64-128 "
            "relu units.",
            f"exactitud de prueba {accuracy:.3f}, menor que {want:.2f} ({mnist.source}, {EPOCHS[src]} épocas con "
            f"lotes de {BATCH_SIZE}). Escala los píxeles a [0, 1], usa 'adam' o 'rmsprop' y una capa oculta de "
            "64-128 unidades relu.")
