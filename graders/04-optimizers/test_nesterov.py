"""Grader for optimizers/nesterov: the learner gets a gradient FUNCTION (it crosses to the sandbox as a callback)
and must call it at the look-ahead point theta + momentum * velocity. Compared with the reference step by step."""
from __future__ import annotations

import numpy as np
import pytest

from optimizer_cases import (arguments_check, init_state_check, random_state, step_check,
                             trajectory_check)
from tutor.grading.checks import t

STEP = "nesterov_step"


def _affine_gradient(a: np.ndarray, b: np.ndarray):
    """The gradient of sum(a/2 x^2 + b x): a different slope per entry, so where it is evaluated shows."""

    def grad_fn(x):
        x = np.asarray(x, dtype=np.float64)
        if x.shape != a.shape:
            raise ValueError(t(f"grad_fn takes a point shaped like theta, {a.shape}; got shape {x.shape}",
                               f"grad_fn recibe un punto con la forma de theta, {a.shape}; llegó {x.shape}"))
        grad_fn.points.append(x.copy())  # where the learner asked: named when the step is wrong
        return a * x + b

    grad_fn.points = []
    return grad_fn


def _where_called(points: list[np.ndarray], theta: np.ndarray, velocity: np.ndarray, momentum: float) -> str:
    """Each point grad_fn was called at, as theta + c * velocity when it lies on that line."""
    if not points:
        return t(" Your step never called grad_fn.", " Tu paso nunca llamó a grad_fn.")
    v = velocity.ravel()
    named = []
    for p in points:
        d = (p - theta).ravel()
        c = float(np.dot(d, v) / np.dot(v, v))
        if not np.allclose(d, c * v, rtol=1e-9, atol=1e-12):
            named.append(t("a point off the line theta + c * velocity (a velocity already updated?)",
                           "un punto fuera de la recta theta + c * velocity (¿una velocidad ya actualizada?)"))
        elif abs(c - momentum) < 1e-9:
            named.append(t("theta + momentum * velocity (the look-ahead point)",
                           "theta + momentum * velocity (el punto adelantado)"))
        elif abs(c) < 1e-9:
            named.append(t("theta itself", "theta mismo"))
        elif abs(c - 1) < 1e-9:
            named.append(t("theta + velocity (without the factor momentum)", "theta + velocity (sin el factor "
                           "momentum)"))
        else:
            named.append(f"theta {'-' if c < 0 else '+'} {abs(c):.4g} * velocity")
    return t(f" grad_fn was called at: {'; '.join(named)}. The look-ahead point is theta + momentum * velocity "
             f"(momentum = {momentum:.4g}).",
             f" grad_fn se llamó en: {'; '.join(named)}. El punto adelantado es theta + momentum * velocity "
             f"(momentum = {momentum:.4g}).")


@pytest.mark.points(1)
@pytest.mark.title(en="init_state: a zero velocity shaped like theta", es="init_state: velocidad cero con la forma de theta")
def test_init_state(submission, reference, record):
    init_state_check(submission, reference, seed=411, record=record)

@pytest.mark.points(1)
@pytest.mark.title(en="Every argument is used", es="Se usa cada argumento")
def test_arguments(submission, reference):
    # Each hyper-parameter changed alone, from a mid-run state where each one matters: a number written into the
    # formula instead of the argument (momentum = 0.9 whatever the caller asks) is named here.
    rng = np.random.default_rng(419)
    theta, grad = rng.normal(size=(3, 4)), _affine_gradient(rng.uniform(0.5, 5.0, size=(3, 4)), rng.normal(size=(3, 4)))
    state = random_state(reference.init_state(theta), rng)
    arguments_check(step_name=STEP, submission=submission, reference=reference, theta=theta, grad=grad,
                    state=state, hyper={"lr": 0.05, "momentum": 0.7}, changes={"lr": 0.2, "momentum": 0.3})


@pytest.mark.points(3)
@pytest.mark.title(en="One step from a state in the middle of a run", es="Un paso desde un estado a mitad de camino")
def test_one_step(submission, reference, record):
    rng = np.random.default_rng(412)
    for _ in range(3):
        theta = rng.normal(size=(3, 4))
        grad_fn = _affine_gradient(rng.uniform(0.5, 5.0, size=(3, 4)), rng.normal(size=(3, 4)))
        state = random_state(reference.init_state(theta), rng)
        hyper = {"lr": float(rng.uniform(0.01, 0.2)), "momentum": float(rng.uniform(0.5, 0.95))}
        try:
            step_check(step_name=STEP, submission=submission, reference=reference, theta=theta, grads=[grad_fn],
                       state=state, hyper=hyper, context_en="One step from a random theta and velocity",
                       context_es="Un paso desde theta y velocidad al azar", record=record)
        except AssertionError as exc:
            raise AssertionError(f"{exc}.{_learner_points(submission, theta, grad_fn, state, hyper)}") from None


def _learner_points(submission, theta: np.ndarray, grad_fn, state: dict, hyper: dict) -> str:
    """The learner's step once more, alone, to see where it calls grad_fn (the reference calls it too)."""
    grad_fn.points.clear()
    try:
        submission.nesterov_step(theta, grad_fn, dict(state), **hyper)
    except AssertionError:  # the step raised: the comparison's message already says so
        return ""
    return _where_called(list(grad_fn.points), theta, state["velocity"], hyper["momentum"])


@pytest.mark.points(2)
@pytest.mark.title(en="30 steps on a round bowl", es="30 pasos en un tazón redondo")
def test_bowl(submission, reference, record):
    trajectory_check(surface_id="quadratic-bowl", step_name=STEP, submission=submission, reference=reference,
                     record=record, steps=30, hyper={"lr": 0.1, "momentum": 0.8}, grad_function=True)


@pytest.mark.points(2)
@pytest.mark.title(en="40 steps in an ill-conditioned valley", es="40 pasos en un valle mal condicionado")
def test_ill_conditioned(submission, reference, record):
    trajectory_check(surface_id="ill-conditioned", step_name=STEP, submission=submission, reference=reference,
                     record=record, steps=40, hyper={"lr": 0.03, "momentum": 0.8}, grad_function=True)


@pytest.mark.points(2)
@pytest.mark.title(en="60 steps on Rosenbrock", es="60 pasos en Rosenbrock")
def test_rosenbrock(submission, reference, record):
    trajectory_check(surface_id="rosenbrock", step_name=STEP, submission=submission, reference=reference,
                     record=record, steps=60, hyper={"lr": 0.002, "momentum": 0.9}, grad_function=True)
