"""Grader for mnist-keras/sequential: an MNIST classifier built with keras.Sequential.

The checks are shared with the functional exercise (_workshop.py); only the expected API differs.
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
@pytest.mark.title(en="Ten softmax outputs", es="Diez salidas softmax")
def test_softmax(submission):
    W.check_softmax(submission)


@pytest.mark.points(2)
@pytest.mark.title(en="Compiled: optimizer and cross-entropy loss", es="Compilado: optimizador y entropía cruzada")
def test_compiled(submission, record):
    record.artifact("compiled", W.check_compiled(submission))


@pytest.mark.points(3)
@pytest.mark.title(en="fit() with validation_split records val_ metrics",
                   es="fit() con validation_split registra métricas val_")
def test_training(submission, mnist, record):
    for name, value in W.check_training(submission, mnist).items():
        record.metric(name, value)


@pytest.mark.points(4)
@pytest.mark.title(en="Accuracy on hidden test digits", es="Exactitud en dígitos de prueba ocultos")
def test_accuracy(submission, mnist, record):
    accuracy = W.check_accuracy(submission, mnist)
    record.metric("test_accuracy", round(accuracy, 4))
    assert accuracy >= THRESHOLD[source(mnist)], W.accuracy_message(accuracy, mnist)
