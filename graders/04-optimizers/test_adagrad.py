"""Grader for optimizers/adagrad: init_state and adagrad_step against the reference, one step from a hidden
mid-run state, tiny gradients (where epsilon shows), then trajectories on a bowl, a valley and Rosenbrock."""
from __future__ import annotations

import numpy as np
import pytest

from optimizer_cases import (arguments_check, defaults_check, defaults_inputs, init_state_check, random_state,
                             step_check, trajectory_check)

STEP = "adagrad_step"


@pytest.mark.points(1)
@pytest.mark.title(en="init_state: a zero accumulator shaped like theta",
                   es="init_state: acumulador en cero con la forma de theta")
def test_init_state(submission, reference, record):
    init_state_check(submission, reference, seed=421, record=record)

@pytest.mark.points(1)
@pytest.mark.title(en="Every argument is used", es="Se usa cada argumento")
def test_arguments(submission, reference):
    # Each hyper-parameter changed alone, from a mid-run state where each one matters: a number written into the
    # formula instead of the argument (momentum = 0.9 whatever the caller asks) is named here.
    rng = np.random.default_rng(429)
    theta, grad = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    state = random_state(reference.init_state(theta), rng, positive=("s",))
    arguments_check(step_name=STEP, submission=submission, reference=reference, theta=theta, grad=grad,
                    state=state, hyper={"lr": 0.05, "eps": 1e-7}, changes={"lr": 0.2, "eps": 1e-2})


@pytest.mark.points(1)
@pytest.mark.title(en="The default arguments (Keras's)", es="Los argumentos por omisión (los de Keras)")
def test_defaults(submission, reference, record):
    # The learner's step called without keywords against the same step with the defaults written out: a default
    # changed on the def line (PyTorch's, the slides') is named here, and a formula mistake is not blamed on it.
    defaults_check(step_name=STEP, submission=submission, reference=reference, record=record,
                   **defaults_inputs(438))


@pytest.mark.points(3)
@pytest.mark.title(en="One step from a state in the middle of a run", es="Un paso desde un estado a mitad de camino")
def test_one_step(submission, reference, record):
    rng = np.random.default_rng(422)
    for _ in range(3):
        theta, grad = rng.normal(size=(3, 4)), rng.normal(size=(3, 4)) * 2.0
        state = random_state(reference.init_state(theta), rng, positive=("s",))
        hyper = {"lr": float(rng.uniform(0.05, 0.5)), "eps": 1e-7}
        step_check(step_name=STEP, submission=submission, reference=reference, theta=theta, grads=[grad],
                   state=state, hyper=hyper, context_en="One step from a random theta, gradient and accumulator",
                   context_es="Un paso desde theta, gradiente y acumulador al azar", record=record)


@pytest.mark.points(1)
@pytest.mark.title(en="Tiny gradients, where epsilon matters", es="Gradientes diminutos, donde epsilon importa")
def test_tiny_gradients(submission, reference, record):
    rng = np.random.default_rng(423)
    theta = rng.normal(scale=0.1, size=(5,))
    grads = [rng.choice([-1.0, 1.0], size=5) * 10.0 ** rng.uniform(-6, -4, size=5) for _ in range(4)]
    step_check(step_name=STEP, submission=submission, reference=reference, theta=theta, grads=grads,
               state=reference.init_state(theta), hyper={"lr": 0.01, "eps": 1e-7},
               context_en="Four steps from a fresh state with gradients between 1e-6 and 1e-4",
               context_es="Cuatro pasos desde un estado nuevo con gradientes entre 1e-6 y 1e-4", record=record)


@pytest.mark.points(2)
@pytest.mark.title(en="30 steps on a round bowl", es="30 pasos en un tazón redondo")
def test_bowl(submission, reference, record):
    trajectory_check(surface_id="quadratic-bowl", step_name=STEP, submission=submission, reference=reference,
                     record=record, steps=30, hyper={"lr": 1.0, "eps": 1e-7})


@pytest.mark.points(2)
@pytest.mark.title(en="40 steps in an ill-conditioned valley", es="40 pasos en un valle mal condicionado")
def test_ill_conditioned(submission, reference, record):
    trajectory_check(surface_id="ill-conditioned", step_name=STEP, submission=submission, reference=reference,
                     record=record, steps=40, hyper={"lr": 1.0, "eps": 1e-7})


@pytest.mark.points(2)
@pytest.mark.title(en="60 steps on Rosenbrock", es="60 pasos en Rosenbrock")
def test_rosenbrock(submission, reference, record):
    trajectory_check(surface_id="rosenbrock", step_name=STEP, submission=submission, reference=reference,
                     record=record, steps=60, hyper={"lr": 1.0, "eps": 1e-7})
