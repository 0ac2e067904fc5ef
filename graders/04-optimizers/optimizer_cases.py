"""Shared by the optimizer graders: the test surfaces, and step-by-step comparison with the reference.

Runs on the trusted side only. Every comparison is against the `reference` fixture (never constants), so that a
submission that makes a known mistake passes every check when `reference` is bound to that mistake's variant.
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from tutor.grading.checks import (check_array, first_divergence, is_low_precision, lang, relative_error, t,
                                  tolerance_note, widened)
from tutor.grading.surfaces import gradient
from step_diagnosis import first_step_reading, hidden_state_reading

# Correct code with the arithmetic in another order (lr/d*g for lr*g/d; Adam's corrections folded into the step
# size with eps scaled by sqrt(1 - beta2**t), tests/realistic/optimizers/adam/ok_step_size_form.py) stays within
# 6e-14 of the reference on every path and step check here (measured). Keras's own Adam ("epsilon hat": eps added
# to the uncorrected sqrt(v)) is NOT that: over the whole paths it parts by 2.5e-4 on the bowl and 1.4e-5 in the
# valley, by 5.9e-4 over five steps with the default arguments and by 6e-2 on tiny gradients (measured; its first
# step beyond 1e-6 on the bowl is step 5, at 1.1e-6); it is a named misconception. The smallest real mistake, eps
# on the wrong side of the root, first parts by 4e-6 (RMSProp) to 1e-5 (Adam) on the bowl and by 3e-2 on tiny
# gradients. 1e-6 sits between rounding and those.
RTOL = 1e-6
BLOWUP = 1e6  # stop following a learner's path that has left the picture (and keeps JSON finite)


@dataclass(frozen=True)
class Surface:
    id: str
    title_en: str
    title_es: str
    latex: str
    bounds: tuple[tuple[float, float], tuple[float, float]]
    minimum: tuple[float, float]
    start: tuple[float, float]
    grad: Callable[[np.ndarray], np.ndarray]

    @property
    def title(self) -> str:
        return t(self.title_en, self.title_es)


# The gradients live in tutor/grading/surfaces.py: the worker's "trajectory" op runs a learner's whole path
# with the same functions, in one round trip instead of one per step.
_bowl_grad, _valley_grad, _rosenbrock_grad = (gradient(name, lang()) for name in
                                              ("quadratic-bowl", "ill-conditioned", "rosenbrock"))


SURFACES: dict[str, Surface] = {s.id: s for s in (
    Surface("quadratic-bowl", "a round quadratic bowl", "un tazón cuadrático redondo",
            r"f(x, y) = \tfrac12\left((x-1)^2 + (y+0.5)^2\right)", ((-3.0, 3.0), (-3.0, 3.0)), (1.0, -0.5),
            (-2.0, 2.0), _bowl_grad),
    Surface("ill-conditioned", "an ill-conditioned quadratic (condition number 30, rotated 30°)",
            "una cuadrática mal condicionada (número de condición 30, rotada 30°)",
            r"f(\theta) = \tfrac12(\theta-c)^\top A(\theta-c),\ A = R_{30^\circ}\,\mathrm{diag}(1, 30)\,R_{30^\circ}^\top,"
            r"\ c = (0.5, 1)", ((-3.0, 3.0), (-2.0, 3.0)), (0.5, 1.0), (-2.5, -0.5), _valley_grad),
    Surface("rosenbrock", "the Rosenbrock function", "la función de Rosenbrock",
            r"f(x, y) = (1-x)^2 + 100\,(y-x^2)^2", ((-2.0, 2.0), (-1.0, 3.0)), (1.0, 1.0), (-1.2, 1.0),
            _rosenbrock_grad),
)}


def _fmt(x: Any) -> str:
    return np.array2string(np.asarray(x, dtype=np.float64), precision=8, separator=", ")


def _hyper_text(hyper: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}" for k, v in hyper.items())


# --- the state: the docstring's keys are required, the learner's own extra keys are tolerated ------------------

def check_state(state: Any, keys: tuple[str, ...], fn: str) -> list[str]:
    """Fail when the state is not a dict or lacks a key the docstring names; return the learner's extra keys."""
    if not isinstance(state, dict):
        raise AssertionError(t(f"{fn}: the state must be a dict with keys {list(keys)}, got {type(state).__name__}",
                               f"{fn}: el estado debe ser un dict con claves {list(keys)}, llegó "
                               f"{type(state).__name__}"))
    missing = [k for k in keys if k not in state]
    if missing:
        raise AssertionError(t(f"{fn}: the state has keys {sorted(map(str, state))}; it needs {list(keys)} (see the "
                               f"docstring), missing {missing}. Keys of your own besides those are fine",
                               f"{fn}: el estado tiene las claves {sorted(map(str, state))}; necesita {list(keys)} "
                               f"(ver el docstring), faltan {missing}. Otras claves tuyas además de esas están bien"))
    return sorted(str(k) for k in state if k not in keys)


def note_extras(record: Any, extras: list[str], fn: str) -> None:
    if record is not None and extras:
        record.note(t(f"Note: the state from {fn} also carries {extras}; they go back to your code unchanged and "
                      "are not graded.",
                      f"Nota: el estado de {fn} también lleva {extras}; vuelven a tu código sin cambios y no se "
                      "califican."))


def unpack_step(out: Any, theta: np.ndarray, keys: tuple[str, ...], fn: str,
                record: Any = None) -> tuple[np.ndarray, dict]:
    """Check the shape of what a step returned, with a message that says what to fix. A list or tuple pair is
    fine; theta keeps its dtype (a float32 theta is compared with float32's tolerance)."""
    if out is None:
        raise AssertionError(t(f"{fn} returned None; it must `return theta, state`",
                               f"{fn} devolvió None; debe hacer `return theta, state`"))
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        raise AssertionError(t(f"{fn} must return a pair (theta, state); it returned a {type(out).__name__}",
                               f"{fn} debe devolver un par (theta, state); devolvió un {type(out).__name__}"))
    new_theta, state = out
    if not isinstance(new_theta, (np.ndarray, np.generic, list, tuple, float, int)):
        raise AssertionError(t(f"{fn}: the new theta must be a NumPy array, got {type(new_theta).__name__}",
                               f"{fn}: el nuevo theta debe ser un arreglo de NumPy, llegó {type(new_theta).__name__}"))
    arr = np.asarray(new_theta)
    if arr.dtype.kind not in "fiu" or arr.shape != theta.shape:
        raise AssertionError(t(f"{fn}: the new theta has shape {arr.shape} and dtype {arr.dtype}; it must have the "
                               f"shape of theta, {theta.shape}, and be numeric",
                               f"{fn}: el nuevo theta tiene forma {arr.shape} y dtype {arr.dtype}; debe tener la "
                               f"forma de theta, {theta.shape}, y ser numérico"))
    note_extras(record, check_state(state, keys, fn), fn)
    return arr, state


def _is_counter(value: Any) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def _relation(got: Any, want: Any) -> str:
    """When a state array is the expected one times a constant: the same quantity in another convention."""
    g, w = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    if g.shape != w.shape or not np.all(np.isfinite(g)) or float(np.vdot(w, w)) < 1e-24:
        return ""
    c = float(np.vdot(g, w) / np.vdot(w, w))
    if not np.allclose(g, c * w, rtol=1e-6, atol=1e-12) or abs(c - 1.0) < 1e-6:
        return ""
    if abs(c + 1.0) < 1e-6:
        return t(" It is the expected value with the opposite sign: your steps may be right, but the docstring "
                 "fixes the sign of what the state holds (see its formula).",
                 " Es el valor esperado con el signo opuesto: tus pasos pueden estar bien, pero el docstring fija "
                 "el signo de lo que guarda el estado (ver su fórmula).")
    return t(f" It is {c:.6g} times the expected value: the same quantity in another convention; the docstring "
             "fixes which (see its formula).",
             f" Es {c:.6g} veces el valor esperado: la misma cantidad en otra convención; el docstring fija cuál "
             "(ver su fórmula).")


def compare_state(got: Any, want: dict, fn: str, record: Any = None) -> None:
    """The docstring's keys, compared with the reference's; the learner's extra keys are noted, not graded."""
    note_extras(record, check_state(got, tuple(want), fn), fn)
    for key, value in want.items():
        mine = got[key]
        if _is_counter(value):
            # A counter: its value matters, not whether it is an int, a float or a 0-d array.
            ok = np.ndim(mine) == 0 and np.asarray(mine).dtype.kind in "iuf" and float(mine) == int(value)
            if not ok:
                raise AssertionError(t(f'{fn}: state["{key}"] is {mine!r}, expected {int(value)}',
                                       f'{fn}: state["{key}"] vale {mine!r}, se esperaba {int(value)}'))
        else:
            try:
                check_array(mine, value, what=f'{fn}: state["{key}"]', rtol=RTOL, atol=1e-12)
            except AssertionError as exc:
                raise AssertionError(f"{exc}.{_relation(mine, value)}" if _relation(mine, value) else str(exc)) \
                    from None


def init_state_check(submission: Any, reference: Any, seed: int, record: Any = None) -> None:
    """init_state() for a vector and a matrix theta, compared with the reference's."""
    rng = np.random.default_rng(seed)
    for shape in [(2,), (3, 4)]:
        theta = rng.normal(size=shape)
        compare_state(submission.init_state(theta), reference.init_state(theta), "init_state()", record)


def with_learner_extras(submission: Any, theta: np.ndarray, state: dict) -> dict:
    """`state` (the docstring's keys, set by the grader) plus the extra keys the learner's own init_state() adds,
    so that code which keeps more in its state runs as it would in training. The learner's init_state() failing
    costs its own check only: then the state is used as it is."""
    try:
        mine = submission.init_state(np.array(theta, dtype=np.float64))
    except AssertionError:  # the learner's code raised, or init_state is missing: graded by test_init_state
        return dict(state)
    if not isinstance(mine, dict):
        return dict(state)
    return {**{k: v for k, v in mine.items() if k not in state}, **state}


def random_state(template: dict, rng: np.random.Generator, positive: tuple[str, ...] = ()) -> dict:
    """A state in the middle of a run: random velocities/moments, positive squared averages, a step count > 1."""
    out: dict[str, Any] = {}
    for key, value in template.items():
        if _is_counter(value):
            out[key] = int(rng.integers(3, 30))
        elif key in positive:
            out[key] = rng.uniform(0.05, 2.0, size=np.shape(value))
        else:
            out[key] = rng.normal(0.0, 0.5, size=np.shape(value))
    return out


def _float_state(state: dict, keys: tuple[str, ...]) -> dict:
    """The docstring's keys of a learner's state, as the reference expects them (float64 arrays, int counters)."""
    return {k: (int(float(state[k])) if np.ndim(state[k]) == 0 and float(state[k]).is_integer()
                and not isinstance(state[k], np.ndarray) else np.asarray(state[k], dtype=np.float64))
            for k in keys}


# --- one step, several steps ----------------------------------------------------------------------------------

def step_check(*, step_name: str, submission: Any, reference: Any, theta: np.ndarray, grads: list[Any],
               state: dict, hyper: dict[str, Any], context_en: str, context_es: str, record: Any = None) -> None:
    """Apply len(grads) steps from `state`, comparing theta and every state entry with the reference after each
    step. A grad may be an array or a gradient function (Nesterov). The learner starts from `state` plus the
    extra keys of its own init_state()."""
    keys = tuple(state)
    fn = f"{step_name}()"
    mine_theta, mine_state = theta, with_learner_extras(submission, theta, state)
    ref_theta, ref_state = theta, state
    for k, g in enumerate(grads, start=1):
        before_theta, before_state = mine_theta, mine_state
        got = getattr(submission, step_name)(mine_theta, g, mine_state, **hyper)
        ref_theta, ref_state = getattr(reference, step_name)(ref_theta, g, ref_state, **hyper)
        try:
            mine_theta, mine_state = unpack_step(got, theta, keys, fn, record)
            try:
                check_array(mine_theta, ref_theta, what=t("the new theta", "el nuevo theta"), rtol=RTOL, atol=1e-12)
            except AssertionError as exc:
                flipped = _sign_convention(submission, step_name, before_theta, g, before_state, keys, hyper,
                                           ref_theta, ref_state) or \
                    hidden_state_reading(getattr(submission, step_name), before_theta, g, before_state, hyper)
                raise AssertionError(f"{exc}. {flipped}" if flipped else str(exc)) from None
            compare_state(mine_state, ref_state, fn)
        except AssertionError as exc:
            where = (t(f" (step {k} of {len(grads)})", f" (paso {k} de {len(grads)})") if len(grads) > 1 else "")
            raise AssertionError(t(f"{context_en}{where}, with {_hyper_text(hyper) or 'the default arguments'}: {exc}",
                                   f"{context_es}{where}, con {_hyper_text(hyper) or 'los argumentos por omisión'}:"
                                   f" {exc}")) from None


def _sign_convention(submission: Any, step_name: str, theta: np.ndarray, g: Any, state: dict,
                     keys: tuple[str, ...], hyper: dict[str, Any], ref_theta: np.ndarray, ref_state: dict) -> str:
    """Why a step from a given mid-run state went wrong, when the learner keeps a signed state entry (a velocity)
    with the opposite sign: then the same state negated gives the right step."""
    signed = [k for k in keys if not _is_counter(state[k]) and np.any(np.asarray(state[k], dtype=np.float64) < 0)]
    if not signed:
        return ""
    flipped = dict(state, **{k: -np.asarray(state[k], dtype=np.float64) for k in signed})
    try:
        out = getattr(submission, step_name)(theta, g, flipped, **hyper)
        new_theta, new_state = out
        same_theta = np.allclose(np.asarray(new_theta, dtype=np.float64), ref_theta, rtol=1e-5, atol=1e-9)
        same_state = all(np.allclose(np.asarray(new_state[k], dtype=np.float64), -np.asarray(ref_state[k]),
                                     rtol=1e-5, atol=1e-9) for k in signed)
    except Exception:  # a diagnosis only: any failure means "not this"
        return ""
    if not (same_theta and same_state):
        return ""
    names = ", ".join(f'state["{k}"]' for k in signed)
    return t(f"Your step is right for {names} of the opposite sign: you store it negated (e.g. velocity = momentum"
             " * velocity + lr * grad, then theta - velocity). The trajectory is the same, but the docstring fixes "
             "the sign: velocity = momentum * velocity - lr * grad and theta + velocity",
             f"Tu paso es correcto para {names} con el signo opuesto: lo guardas negado (p. ej. velocity = "
             "momentum * velocity + lr * grad y luego theta - velocity). La trayectoria es la misma, pero el "
             "docstring fija el signo: velocity = momentum * velocity - lr * grad y theta + velocity")


def arguments_check(*, step_name: str, submission: Any, reference: Any, theta: np.ndarray, grad: Any,
                    state: dict, hyper: dict[str, Any], changes: dict[str, float]) -> None:
    """Each hyper-parameter changes the step exactly when it changes the reference's: a number written into the
    formula where the argument belongs (momentum = 0.9 whatever the caller asks) shows here, by name."""
    keys = tuple(state)
    fn = f"{step_name}()"
    start = with_learner_extras(submission, theta, state)

    def outcome(step: Callable[..., Any], st: dict, args: dict[str, Any]) -> list[np.ndarray]:
        new_theta, new_state = unpack_step(step(theta, grad, st, **args), theta, keys, fn)
        return [np.asarray(new_theta, dtype=np.float64)] + [np.asarray(new_state[k], dtype=np.float64) for k in keys]

    def moved(a: list[np.ndarray], b: list[np.ndarray]) -> bool:
        return any(not np.allclose(x, y, rtol=1e-9, atol=0.0) for x, y in zip(a, b))

    base_ref = outcome(getattr(reference, step_name), state, hyper)
    base_mine = outcome(getattr(submission, step_name), start, hyper)
    ignored, spurious = [], []
    for name, other in changes.items():
        args = dict(hyper, **{name: other})
        ref_moves = moved(outcome(getattr(reference, step_name), state, args), base_ref)
        mine_moves = moved(outcome(getattr(submission, step_name), start, args), base_mine)
        if ref_moves and not mine_moves:
            ignored.append(f"{name} ({hyper[name]:g} -> {other:g})")
        elif mine_moves and not ref_moves:
            spurious.append(name)
    if ignored:
        names = ", ".join(f"`{n.split(' ')[0]}`" for n in ignored)
        raise AssertionError(t(
            f"{fn} takes exactly the same step when these arguments change: {', '.join(ignored)}. Your code ignores "
            f"{names}: a number is written into the formula where the argument belongs (e.g. 0.9 instead of "
            "momentum). Use the arguments: the caller chooses them",
            f"{fn} da exactamente el mismo paso cuando cambian estos argumentos: {', '.join(ignored)}. Tu código "
            f"ignora {names}: hay un número escrito en la fórmula donde va el argumento (p. ej. 0.9 en vez de "
            "momentum). Usa los argumentos: los elige quien llama"))
    if spurious:
        raise AssertionError(t(f"{fn}: changing {', '.join(spurious)} changes your step where it should not",
                               f"{fn}: cambiar {', '.join(spurious)} cambia tu paso donde no debería"))


def defaults_check(*, step_name: str, submission: Any, reference: Any, theta: np.ndarray, grads: list[Any],
                   record: Any = None) -> None:
    """The default arguments, and only them: the learner's step called without keywords must take the same steps
    as the learner's step called with the reference's defaults written out. (Comparing with the reference here
    would test the formula again, and blame a formula mistake on the defaults.)"""
    fn = f"{step_name}()"
    signature = inspect.signature(getattr(reference, step_name))
    defaults = {n: p.default for n, p in signature.parameters.items() if p.default is not inspect.Parameter.empty}
    # The learner's own state and keys: a misnamed key or a missing entry is init_state's and the steps' checks'
    # to name, not a default's.
    plain = spelled = _own_state(submission, reference, theta)
    keys = tuple(plain)
    theta_a = theta_b = theta
    step = getattr(submission, step_name)
    try:  # a step that keeps its own state (a global, a class attribute) differs from itself: not the defaults'
        twice = [step(theta, grads[0], _copied(plain)) for _ in range(2)]
        if _differs(twice[0], twice[1], keys):
            return
    except Exception:  # raised, or returned the wrong thing: the steps below say which
        pass
    for k, g in enumerate(grads, start=1):
        before_theta, before_state = theta_a, plain
        theta_a, plain = unpack_step(step(theta_a, g, plain), theta, keys, fn, record)
        theta_b, spelled = unpack_step(step(theta_b, g, spelled, **defaults), theta, keys, fn)
        # NaN on both sides is the formula's doing (judged by the other checks), not the defaults'.
        same = np.allclose(np.asarray(theta_a, dtype=np.float64), np.asarray(theta_b, dtype=np.float64),
                           rtol=1e-12, atol=0.0, equal_nan=True) and all(
            np.allclose(np.asarray(plain[key], dtype=np.float64), np.asarray(spelled[key], dtype=np.float64),
                        rtol=1e-12, atol=0.0, equal_nan=True) for key in keys)
        if same:
            continue
        wrong = {n: v for n, v in defaults.items()
                 if _differs(step(before_theta, g, before_state), step(before_theta, g, before_state, **{n: v}), keys)}
        culprits = wrong or defaults
        raise AssertionError(t(
            f"At step {k}, {step_name}(theta, grad, state) differs from {step_name}(theta, grad, state, "
            f"{_kwargs_text(defaults)}): your def line has another default for {', '.join(culprits)}. The defaults "
            f"should read {_kwargs_text(culprits)}",
            f"En el paso {k}, {step_name}(theta, grad, state) difiere de {step_name}(theta, grad, state, "
            f"{_kwargs_text(defaults)}): tu línea def tiene otro valor por omisión para {', '.join(culprits)}. Los "
            f"valores por omisión deben ser {_kwargs_text(culprits)}"))


def defaults_inputs(seed: int) -> dict[str, Any]:
    """defaults_check's point and five gradients whose sizes spread over three decades (each default shows at
    some size)."""
    rng = np.random.default_rng(seed)
    theta = rng.normal(scale=0.1, size=(6,))
    return {"theta": theta, "grads": [rng.normal(size=6) * 10.0 ** rng.uniform(-3, 0, size=6) for _ in range(5)]}


def _own_state(submission: Any, reference: Any, theta: np.ndarray) -> dict:
    try:
        mine = submission.init_state(np.array(theta, dtype=np.float64))
    except AssertionError:  # raised, or missing: graded by test_init_state
        mine = None
    if isinstance(mine, dict) and mine:
        return mine
    return with_learner_extras(submission, theta, reference.init_state(theta))


def _copied(state: dict) -> dict:
    return {k: np.array(v, copy=True) if isinstance(v, np.ndarray) else v for k, v in state.items()}


def _kwargs_text(args: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in args.items())


def _differs(a: Any, b: Any, keys: tuple[str, ...]) -> bool:
    try:
        parts_a = [np.asarray(a[0], dtype=np.float64)] + [np.asarray(a[1][k], dtype=np.float64) for k in keys]
        parts_b = [np.asarray(b[0], dtype=np.float64)] + [np.asarray(b[1][k], dtype=np.float64) for k in keys]
    except Exception:  # a diagnosis only
        return False
    return any(not np.allclose(x, y, rtol=1e-12, atol=0.0) for x, y in zip(parts_a, parts_b))


# --- trajectories ---------------------------------------------------------------------------------------------

def trajectory_check(*, surface_id: str, step_name: str, submission: Any, reference: Any, record: Any,
                     steps: int, hyper: dict[str, Any], grad_function: bool = False) -> None:
    """Run `steps` steps of the learner's and the reference optimizer from the same start; fail at the first
    step whose theta differs by more than RTOL, naming it and how far it is from the tolerance.

    A learner who computes in float32 cannot follow a float64 path for 40 steps (RMSProp amplifies rounding to
    1e-3 on the valley, measured): then every step of the learner's own path is checked instead, from the point
    and state the learner reached, to float32's tolerance."""
    surface = SURFACES[surface_id]
    theta0 = np.array(surface.start, dtype=np.float64)
    ref_step, learner_step = getattr(reference, step_name), getattr(submission, step_name)
    keys = tuple(reference.init_state(theta0))

    # The same stopping rule on both sides, so that a known-wrong variant that blows up (climbing the loss) still
    # matches a learner who made the same mistake.
    want = _follow(lambda th, g, st: ref_step(th, g, st, **hyper), surface, theta0, reference.init_state(theta0),
                   steps, grad_function, None)
    got: list[np.ndarray] = [theta0.copy()]
    trail: list[tuple[np.ndarray, dict]] = []
    start = with_learner_extras(submission, theta0, reference.init_state(theta0))
    checked = (keys, f"{step_name}()", record)
    try:
        if hasattr(submission, "trajectory") and hasattr(submission, "has"):  # the sandboxed worker's proxy
            got = _replay(submission, step_name, surface, theta0, dict(start), steps, hyper, grad_function,
                          checked, got, trail)
        else:  # a module in this process (plain pytest, the benchmark's floor)
            got = _follow(lambda th, g, st: learner_step(th, g, st, **hyper), surface, theta0, dict(start), steps,
                          grad_function, checked, got, trail)
    finally:
        _record(record, surface, theta0, hyper, got, want)

    k = first_divergence(got, want, rtol=RTOL)
    if k is None:
        return
    if trail and any(is_low_precision(th, theta0) for th, _ in trail) and len(got) == len(want):
        if _each_step_right(ref_step, surface, got, start, trail, keys, hyper, grad_function):
            return
    setup = t(f"On {surface.title} from θ₀ = {_fmt(theta0)} with {_hyper_text(hyper)}",
              f"En {surface.title} desde θ₀ = {_fmt(theta0)} con {_hyper_text(hyper)}")
    if k >= min(len(got), len(want)):
        short, n = (t("your", "tu"), len(got) - 1) if len(got) < len(want) else (t("the reference", "la referencia"),
                                                                             len(want) - 1)
        raise AssertionError(f"{setup}: " + t(
            f"{short} run stopped after step {n}: theta became NaN/inf or left the plot (|θ| > {BLOWUP:g}), "
            "while the other went on; check the sign of the step and what you divide by",
            f"{short} recorrido se detuvo tras el paso {n}: theta se volvió NaN/inf o salió del gráfico "
            f"(|θ| > {BLOWUP:g}) mientras el otro siguió; revisa el signo del paso y por qué divides"))
    rel = relative_error(got[k], want[k])
    upto = (t("step 1", "el paso 1") if k == 2 else t(f"steps 1–{k - 1}", f"los pasos 1–{k - 1}"))
    matched = (t(f"your θ matches the reference for {upto} and", f"tu θ coincide con la referencia en {upto} y")
               if k > 1 else t("your θ", "tu θ"))
    if rel <= 1e-4:
        advice = t("A difference this small that grows usually comes from a small term (where eps goes, inside or "
                   "outside the square root) or from a constant written where an argument belongs, not from the "
                   "shape of the formula.",
                   "Una diferencia tan pequeña que crece suele venir de un término pequeño (dónde va eps, dentro o "
                   "fuera de la raíz) o de una constante escrita donde va un argumento, no de la forma de la "
                   "fórmula.")
    elif k == 1:
        advice = first_step_reading(theta0, got[1], want[1]) or t(
            "The very first step is already off, so look at the update formula itself.",
            "Ya el primer paso difiere: revisa la fórmula de actualización.")
    else:
        advice = t("The first step agrees, so look at what changes from step to step: the state carried over "
                   "(velocity, accumulated squares, the step counter, the look-ahead point) and every argument "
                   "that only matters once the state is not zero (momentum, rho, beta1, beta2).",
                   "El primer paso coincide: revisa lo que cambia de un paso al siguiente: el estado que pasa "
                   "(velocidad, cuadrados acumulados, contador de pasos, punto adelantado) y cada argumento que "
                   "solo importa cuando el estado no es cero (momentum, rho, beta1, beta2).")
    raise AssertionError(
        f"{setup}: {matched} " + t(f"first differs at step {k}: got {_fmt(got[k])}, expected {_fmt(want[k])} "
                                   f"(relative error {rel:.2e}, {tolerance_note(rel, RTOL)}). ",
                                   f"difiere por primera vez en el paso {k}: obtuviste {_fmt(got[k])}, se esperaba "
                                   f"{_fmt(want[k])} (error relativo {rel:.2e}, {tolerance_note(rel, RTOL)}). ")
        + advice)


def _each_step_right(ref_step: Callable[..., Any], surface: Surface, got: list[np.ndarray], start: dict,
                     trail: list[tuple[np.ndarray, dict]], keys: tuple[str, ...], hyper: dict[str, Any],
                     grad_function: bool) -> bool:
    """Every step of the learner's path is the reference's step from the same point and state (float32 room)."""
    with np.errstate(all="ignore"):
        for i, (new_theta, _) in enumerate(trail):
            before = _float_state(start if i == 0 else trail[i - 1][1], keys)
            theta = got[i]
            want, _ = ref_step(theta, surface.grad if grad_function else surface.grad(theta), before, **hyper)
            rtol, atol = widened(new_theta, want, RTOL, 1e-12)
            if not np.allclose(np.asarray(new_theta, dtype=np.float64), want, rtol=rtol, atol=atol):
                return False
    return True


def _follow(step: Callable[[np.ndarray, Any, dict], Any], surface: Surface, theta0: np.ndarray, state: dict,
            steps: int, grad_function: bool, checked: tuple[tuple[str, ...], str, Any] | None,
            path: list[np.ndarray] | None = None,
            trail: list[tuple[np.ndarray, dict]] | None = None) -> list[np.ndarray]:
    """Theta after each step, from theta0; stops at NaN/inf or beyond BLOWUP. `path` is filled in place so that
    the part before a learner's exception can still be drawn; `trail` gets each (theta as returned, state)."""
    path = path if path is not None else [theta0.copy()]
    theta = theta0.copy()
    with np.errstate(all="ignore"):
        for _ in range(steps):
            out = step(theta, surface.grad if grad_function else surface.grad(theta), state)
            if checked is not None:
                raw, state = unpack_step(out, theta0, *checked)
                if trail is not None:
                    trail.append((raw, state))
                theta = raw  # the learner goes on from what it returned, in its own dtype
            else:
                theta, state = np.asarray(out[0], dtype=np.float64), out[1]
            path.append(np.asarray(theta, dtype=np.float64))
            if not np.all(np.isfinite(path[-1])) or np.max(np.abs(path[-1])) > BLOWUP:
                break
    return path


def _replay(submission: Any, step_name: str, surface: Surface, theta0: np.ndarray, state: dict, steps: int,
            hyper: dict[str, Any], grad_function: bool, checked: tuple[tuple[str, ...], str, Any],
            path: list[np.ndarray], trail: list[tuple[np.ndarray, dict]]) -> list[np.ndarray]:
    """_follow() for the learner, with the whole path asked for in one call (the worker's "trajectory" op runs
    the same loop there); every returned step is checked here exactly as _follow() checks it, in order."""
    outs, error = submission.trajectory(step_name, theta=theta0, state=state, hyper=dict(hyper), steps=steps,
                                        surface=surface.id, grad_function=grad_function, blowup=BLOWUP, lang=lang())
    with np.errstate(all="ignore"):
        for out in outs:
            raw, state = unpack_step(out, theta0, *checked)
            trail.append((raw, state))
            path.append(np.asarray(raw, dtype=np.float64))
            if not np.all(np.isfinite(path[-1])) or np.max(np.abs(path[-1])) > BLOWUP:
                return path
    if error is not None:
        raise error
    return path


def _record(record: Any, surface: Surface, theta0: np.ndarray, hyper: dict[str, Any], got: list, want: list) -> None:
    """Both paths as plain lists for the TUI to draw over the contours; 'trajectory' is the first that diverges."""
    k = first_divergence(got, want, rtol=RTOL)
    data = {"function": surface.id, "title": surface.title, "latex": surface.latex,
            "bounds": [list(b) for b in surface.bounds], "minimum": list(surface.minimum),
            "start": theta0.tolist(), "hyper": dict(hyper),
            "learner": _plain(got), "reference": _plain(want), "diverged_at": k}
    all_runs = [r for r in record.artifacts.get("trajectories", []) if r["function"] != surface.id] + [data]
    record.artifact("trajectories", all_runs)
    current = record.artifacts.get("trajectory")
    if current is None or (current.get("diverged_at") is None and k is not None):
        record.artifact("trajectory", data)


def _plain(path: list[np.ndarray]) -> list[list[float]]:
    return [[float(v) for v in p] for p in path if np.all(np.isfinite(p))]
