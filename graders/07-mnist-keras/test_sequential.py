"""Grader for mnist-keras/sequential: an MNIST classifier built with keras.Sequential.

The checks are shared with the other Keras exercise (_workshop.py); only the expected API differs.
"""
from __future__ import annotations

import pytest
from _workshop import THRESHOLD, Workshop, source

W = Workshop(api="Sequential")


@pytest.mark.points(2)
@pytest.mark.title(en="A keras.Sequential model of Dense layers", es="Un modelo keras.Sequential de capas Dense")
def test_api(submission):
    W.check_api(submission)


@pytest.mark.points(2)
@pytest.mark.title(en="Input (784,) or (28, 28), output (None, 10)", es="Entrada (784,) o (28, 28), salida (None, 10)")
def test_shapes(submission, mnist):
    W.check_shapes(submission, mnist)


@pytest.mark.points(2)
@pytest.mark.title(en="predict() gives ten probabilities per image", es="predict() da diez probabilidades por imagen")
def test_softmax(submission, mnist):
    W.check_probabilities(submission, mnist)


@pytest.mark.points(2)
@pytest.mark.title(en="Compiled: optimizer, cross-entropy that matches the output layer",
                   es="Compilado: optimizador, entropía cruzada acorde a la capa de salida")
def test_compiled(submission, record):
    record.artifact("compiled", W.check_compiled(submission))


@pytest.mark.points(3)
@pytest.mark.title(en="Trained by fit() with validation_split: val_ metrics",
                   es="Entrenado con fit() y validation_split: métricas val_")
def test_training(submission, mnist, record):
    for name, value in W.check_training(submission, mnist, record).items():
        record.metric(name, value)


@pytest.mark.points(4)
@pytest.mark.title(en="Accuracy on hidden test digits", es="Exactitud en dígitos de prueba ocultos")
def test_accuracy(submission, mnist, record):
    accuracy = W.check_accuracy(submission, mnist, record)
    record.metric("test_accuracy", round(accuracy, 4))
    assert accuracy >= THRESHOLD[source(mnist)], W.accuracy_message(accuracy, mnist)
