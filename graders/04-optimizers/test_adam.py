"""Grader for optimizers/adam: init_state and adam_step against the reference (bias correction, beta2 = 0.999,
eps = 1e-7), one step from a hidden mid-run state, the default arguments, tiny gradients, then trajectories."""
from __future__ import annotations

import numpy as np
import pytest

from optimizer_cases import (arguments_check, defaults_check, init_state_check, random_state,
                             step_check, trajectory_check)
from tutor.grading.checks import t

STEP = "adam_step"


def _hyper(lr: float) -> dict[str, float]:
    # Every argument explicit, so that the trajectories test the formula and test_defaults tests the defaults.
    return {"lr": lr, "beta1": 0.9, "beta2": 0.999, "eps": 1e-7}


@pytest.mark.points(1)
@pytest.mark.title(en="init_state: zero moments shaped like theta, t = 0",
                   es="init_state: momentos en cero con la forma de theta, t = 0")
def test_init_state(submission, reference, record):
    init_state_check(submission, reference, seed=441, record=record)

@pytest.mark.points(1)
@pytest.mark.title(en="Every argument is used", es="Se usa cada argumento")
def test_arguments(submission, reference):
    # Each hyper-parameter changed alone, from a mid-run state where each one matters: a number written into the
    # formula instead of the argument (momentum = 0.9 whatever the caller asks) is named here.
    rng = np.random.default_rng(449)
    theta, grad = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    state = random_state(reference.init_state(theta), rng, positive=("v",))
    arguments_check(step_name=STEP, submission=submission, reference=reference, theta=theta, grad=grad,
                    state=state, hyper={"lr": 0.05, "beta1": 0.9, "beta2": 0.999, "eps": 1e-7}, changes={"lr": 0.2, "beta1": 0.5, "beta2": 0.9, "eps": 1e-2})


@pytest.mark.points(3)
@pytest.mark.title(en="One step from a state in the middle of a run", es="Un paso desde un estado a mitad de camino")
def test_one_step(submission, reference, record):
    rng = np.random.default_rng(442)
    for _ in range(3):
        theta, grad = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
        state = random_state(reference.init_state(theta), rng, positive=("v",))
        hyper = {"lr": float(rng.uniform(0.001, 0.1)), "beta1": float(rng.uniform(0.8, 0.95)),
                 "beta2": float(rng.uniform(0.99, 0.9999)), "eps": 1e-7}
        try:
            step_check(step_name=STEP, submission=submission, reference=reference, theta=theta, grads=[grad],
                       state=state, hyper=hyper, context_en="One step from a random theta, gradient, m, v and t",
                       context_es="Un paso desde theta, gradiente, m, v y t al azar", record=record)
        except AssertionError as exc:
            raise AssertionError(f"{exc}{_counter_one_off(submission, reference, theta, grad, state, hyper)}") \
                from None


def _counter_one_off(submission, reference, theta, grad, state, hyper) -> str:
    """The learner's theta is the reference's with t one lower: the corrections use t before it is incremented."""
    try:
        mine = np.asarray(submission.adam_step(theta, grad, dict(state), **hyper)[0], dtype=np.float64)
        early = reference.adam_step(theta, grad, dict(state, t=state["t"] - 1), **hyper)[0]
    except Exception:  # a diagnosis only
        return ""
    if mine.shape != early.shape or not np.allclose(mine, early, rtol=1e-9, atol=1e-12):
        return ""
    return t(f". Your step is the right one for t = {state['t']}, the count before this step: the bias corrections "
             f"use 1 - beta**t with t already incremented (this is step {state['t'] + 1}); do t = t + 1 first",
             f". Tu paso es el correcto para t = {state['t']}, la cuenta antes de este paso: las correcciones de "
             f"sesgo usan 1 - beta**t con t ya incrementado (este es el paso {state['t'] + 1}); haz t = t + 1 "
             "primero")


@pytest.mark.points(1)
@pytest.mark.title(en="The default arguments (Keras's)", es="Los argumentos por omisión (los de Keras)")
def test_defaults(submission, reference, record):
    # The learner's step without keywords against the learner's step with Keras's defaults written out: this
    # judges the defaults alone, so a formula mistake (eps inside the root, Keras's epsilon-hat form) is not
    # blamed on them. beta2 shows in the state from step 1, in theta from step 2.
    rng = np.random.default_rng(443)
    theta = rng.normal(scale=0.1, size=(6,))
    grads = [rng.choice([-1.0, 1.0], size=6) * 10.0 ** rng.uniform(-5, 0, size=6) for _ in range(5)]
    defaults_check(step_name=STEP, submission=submission, reference=reference, theta=theta, grads=grads,
                   record=record)


@pytest.mark.points(1)
@pytest.mark.title(en="Tiny gradients, where epsilon matters", es="Gradientes diminutos, donde epsilon importa")
def test_tiny_gradients(submission, reference, record):
    rng = np.random.default_rng(444)
    theta = rng.normal(scale=0.1, size=(5,))
    grads = [rng.choice([-1.0, 1.0], size=5) * 10.0 ** rng.uniform(-6, -4, size=5) for _ in range(4)]
    step_check(step_name=STEP, submission=submission, reference=reference, theta=theta, grads=grads,
               state=reference.init_state(theta), hyper=_hyper(0.01),
               context_en="Four steps from a fresh state with gradients between 1e-6 and 1e-4",
               context_es="Cuatro pasos desde un estado nuevo con gradientes entre 1e-6 y 1e-4", record=record)


@pytest.mark.points(2)
@pytest.mark.title(en="30 steps on a round bowl", es="30 pasos en un tazón redondo")
def test_bowl(submission, reference, record):
    trajectory_check(surface_id="quadratic-bowl", step_name=STEP, submission=submission, reference=reference,
                     record=record, steps=30, hyper=_hyper(0.3))


@pytest.mark.points(2)
@pytest.mark.title(en="40 steps in an ill-conditioned valley", es="40 pasos en un valle mal condicionado")
def test_ill_conditioned(submission, reference, record):
    trajectory_check(surface_id="ill-conditioned", step_name=STEP, submission=submission, reference=reference,
                     record=record, steps=40, hyper=_hyper(0.2))


@pytest.mark.points(2)
@pytest.mark.title(en="60 steps on Rosenbrock", es="60 pasos en Rosenbrock")
def test_rosenbrock(submission, reference, record):
    trajectory_check(surface_id="rosenbrock", step_name=STEP, submission=submission, reference=reference,
                     record=record, steps=60, hyper=_hyper(0.1))
