"""Shared by the optimizer graders: the test surfaces, and step-by-step comparison with the reference.

Runs on the trusted side only. Every comparison is against the `reference` fixture (never constants), so that a
submission that makes a known mistake passes every check when `reference` is bound to that mistake's variant.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from tutor.grading.checks import check_array, error_band, first_divergence, relative_error, t

# Correct code with the arithmetic in another order (Keras's form of Adam, lr/d*g for lr*g/d) stays within 1e-11
# of the reference on these runs (measured); the smallest real mistake, eps outside the root, parts by 3e-6 on
# the bowl and by 3e-2 on tiny gradients. 1e-6 sits between the two.
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


def _as_point(x: Any) -> np.ndarray:
    p = np.asarray(x, dtype=np.float64)
    if p.shape != (2,):
        raise ValueError(t(f"the gradient function takes a point of shape (2,), like theta; got shape {p.shape}",
                           f"la función de gradiente recibe un punto de forma (2,), como theta; llegó {p.shape}"))
    return p


_BOWL_C = np.array([1.0, -0.5])


def _bowl_grad(x: Any) -> np.ndarray:
    return _as_point(x) - _BOWL_C


# A valley 30 times steeper across than along, turned 30 degrees so that it lies along no axis: the case where
# one global learning rate is too big for one direction and too small for the other.
_ANGLE = math.radians(30.0)
_R = np.array([[math.cos(_ANGLE), -math.sin(_ANGLE)], [math.sin(_ANGLE), math.cos(_ANGLE)]])
_A = _R @ np.diag([1.0, 30.0]) @ _R.T
_VALLEY_C = np.array([0.5, 1.0])


def _valley_grad(x: Any) -> np.ndarray:
    return _A @ (_as_point(x) - _VALLEY_C)


def _rosenbrock_grad(x: Any) -> np.ndarray:
    p = _as_point(x)
    a, b = p
    return np.array([-2.0 * (1.0 - a) - 400.0 * a * (b - a * a), 200.0 * (b - a * a)])


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


def unpack_step(out: Any, theta: np.ndarray, keys: tuple[str, ...], fn: str) -> tuple[np.ndarray, dict]:
    """Check the shape of what a step returned, with a message that says what to fix."""
    if out is None:
        raise AssertionError(t(f"{fn} returned None; it must `return theta, state`",
                               f"{fn} devolvió None; debe hacer `return theta, state`"))
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        raise AssertionError(t(f"{fn} must return a pair (theta, state); it returned a {type(out).__name__}",
                               f"{fn} debe devolver un par (theta, state); devolvió un {type(out).__name__}"))
    new_theta, state = out
    if not isinstance(new_theta, (np.ndarray, np.generic, list, tuple, float, int)):
        raise AssertionError(t(f"{fn}: the new theta must be a NumPy array, got {type(new_theta).__name__}",
                               f"{fn}: el nuevo theta debe ser un array de NumPy, llegó {type(new_theta).__name__}"))
    arr = np.asarray(new_theta)
    if arr.dtype.kind not in "fiu" or arr.shape != theta.shape:
        raise AssertionError(t(f"{fn}: the new theta has shape {arr.shape} and dtype {arr.dtype}; it must have the "
                               f"shape of theta, {theta.shape}, and be numeric",
                               f"{fn}: el nuevo theta tiene forma {arr.shape} y dtype {arr.dtype}; debe tener la "
                               f"forma de theta, {theta.shape}, y ser numérico"))
    check_state(state, keys, fn)
    return arr.astype(np.float64), state


def check_state(state: Any, keys: tuple[str, ...], fn: str) -> None:
    if not isinstance(state, dict):
        raise AssertionError(t(f"{fn}: the state must be a dict with keys {list(keys)}, got {type(state).__name__}",
                               f"{fn}: el estado debe ser un dict con claves {list(keys)}, llegó "
                               f"{type(state).__name__}"))
    if set(state) != set(keys):
        raise AssertionError(t(f"{fn}: the state has keys {sorted(map(str, state))}; it must have exactly "
                               f"{list(keys)} (see the docstring)",
                               f"{fn}: el estado tiene las claves {sorted(map(str, state))}; debe tener exactamente "
                               f"{list(keys)} (ver el docstring)"))


def init_state_check(submission: Any, reference: Any, seed: int) -> None:
    """init_state() for a vector and a matrix theta, compared with the reference's."""
    rng = np.random.default_rng(seed)
    for shape in [(2,), (3, 4)]:
        theta = rng.normal(size=shape)
        compare_state(submission.init_state(theta), reference.init_state(theta), "init_state()")


def compare_state(got: dict, want: dict, fn: str) -> None:
    check_state(got, tuple(want), fn)
    for key, value in want.items():
        if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
            # A counter: its value matters, not whether it is an int or a float.
            ok = isinstance(got[key], (int, float, np.integer, np.floating)) and float(got[key]) == int(value)
            assert ok, t(f'{fn}: state["{key}"] is {got[key]!r}, expected {int(value)}',
                         f'{fn}: state["{key}"] vale {got[key]!r}, se esperaba {int(value)}')
        else:
            check_array(got[key], value, what=f'{fn}: state["{key}"]', rtol=RTOL, atol=1e-12)


def random_state(template: dict, rng: np.random.Generator, positive: tuple[str, ...] = ()) -> dict:
    """A state in the middle of a run: random velocities/moments, positive squared averages, a step count > 1."""
    out: dict[str, Any] = {}
    for key, value in template.items():
        if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
            out[key] = int(rng.integers(3, 30))
        elif key in positive:
            out[key] = rng.uniform(0.05, 2.0, size=np.shape(value))
        else:
            out[key] = rng.normal(0.0, 0.5, size=np.shape(value))
    return out


def trajectory_check(*, surface_id: str, step_name: str, submission: Any, reference: Any, record: Any,
                     steps: int, hyper: dict[str, Any], grad_function: bool = False) -> None:
    """Run `steps` steps of the learner's and the reference optimizer from the same start; fail at the first
    step whose theta differs by more than RTOL, naming it and the relative-error band."""
    surface = SURFACES[surface_id]
    theta0 = np.array(surface.start, dtype=np.float64)
    ref_step, learner_step = getattr(reference, step_name), getattr(submission, step_name)
    keys = tuple(reference.init_state(theta0))

    # The same stopping rule on both sides, so that a known-wrong variant that blows up (climbing the loss) still
    # matches a learner who made the same mistake.
    want = _follow(lambda th, g, st: ref_step(th, g, st, **hyper), surface, theta0, reference.init_state(theta0),
                   steps, grad_function, None)
    got: list[np.ndarray] = [theta0.copy()]
    try:
        got = _follow(lambda th, g, st: learner_step(th, g, st, **hyper), surface, theta0,
                      reference.init_state(theta0), steps, grad_function, (keys, f"{step_name}()"), got)
    finally:
        _record(record, surface, theta0, hyper, got, want)

    k = first_divergence(got, want, rtol=RTOL)
    if k is None:
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
    band = error_band(rel) if math.isfinite(rel) else t("NaN/inf", "NaN/inf")
    upto = (t("step 1", "el paso 1") if k == 2 else t(f"steps 1–{k - 1}", f"los pasos 1–{k - 1}"))
    matched = (t(f"your θ matches the reference for {upto} and", f"tu θ coincide con la referencia en {upto} y")
               if k > 1 else t("your θ", "tu θ"))
    if rel <= 1e-4:
        advice = t("A difference this small that grows usually comes from where eps goes (inside or outside the "
                   "square root) or from a constant, not from the shape of the formula.",
                   "Una diferencia tan chica que crece suele venir de dónde va eps (dentro o fuera de la raíz) o "
                   "de una constante, no de la forma de la fórmula.")
    elif k == 1:
        advice = t("The very first step is already off, so look at the update formula itself.",
                   "Ya el primer paso difiere: revisa la fórmula de actualización.")
    else:
        advice = t("The first step agrees, so look at what depends on the state carried from step to step "
                   "(velocity, accumulated squares, the step counter, the look-ahead point).",
                   "El primer paso coincide: revisa lo que depende del estado que pasa de un paso al siguiente "
                   "(velocidad, cuadrados acumulados, contador de pasos, punto adelantado).")
    raise AssertionError(
        f"{setup}: {matched} " + t(f"first differs at step {k}: got {_fmt(got[k])}, expected {_fmt(want[k])} "
                                   f"(relative error {rel:.2e}, {band}). ",
                                   f"difiere por primera vez en el paso {k}: obtuviste {_fmt(got[k])}, se esperaba "
                                   f"{_fmt(want[k])} (error relativo {rel:.2e}, {band}). ") + advice)


def _follow(step: Callable[[np.ndarray, Any, dict], Any], surface: Surface, theta0: np.ndarray, state: dict,
            steps: int, grad_function: bool, checked: tuple[tuple[str, ...], str] | None,
            path: list[np.ndarray] | None = None) -> list[np.ndarray]:
    """Theta after each step, from theta0; stops at NaN/inf or beyond BLOWUP. `path` is filled in place so that
    the part before a learner's exception can still be drawn."""
    path = path if path is not None else [theta0.copy()]
    theta = theta0.copy()
    with np.errstate(all="ignore"):
        for _ in range(steps):
            out = step(theta, surface.grad if grad_function else surface.grad(theta), state)
            if checked is not None:
                theta, state = unpack_step(out, theta0, *checked)
            else:
                theta, state = np.asarray(out[0], dtype=np.float64), out[1]
            path.append(theta)
            if not np.all(np.isfinite(theta)) or np.max(np.abs(theta)) > BLOWUP:
                break
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


def step_check(*, step_name: str, submission: Any, reference: Any, theta: np.ndarray, grads: list[Any],
               state: dict, hyper: dict[str, Any], context_en: str, context_es: str) -> None:
    """Apply len(grads) steps from `state`, comparing theta and every state entry with the reference after each
    step. A grad may be an array or a gradient function (Nesterov)."""
    keys = tuple(state)
    fn = f"{step_name}()"
    mine_theta, mine_state = theta, state
    ref_theta, ref_state = theta, state
    for k, g in enumerate(grads, start=1):
        got = getattr(submission, step_name)(mine_theta, g, mine_state, **hyper)
        ref_theta, ref_state = getattr(reference, step_name)(ref_theta, g, ref_state, **hyper)
        try:
            mine_theta, mine_state = unpack_step(got, theta, keys, fn)
            check_array(mine_theta, ref_theta, what=t("the new theta", "el nuevo theta"), rtol=RTOL, atol=1e-12)
            compare_state(mine_state, ref_state, fn)
        except AssertionError as exc:
            where = (t(f" (step {k} of {len(grads)})", f" (paso {k} de {len(grads)})") if len(grads) > 1 else "")
            raise AssertionError(t(f"{context_en}{where}, with {_hyper_text(hyper) or 'the default arguments'}: {exc}",
                                   f"{context_es}{where}, con {_hyper_text(hyper) or 'los argumentos por omisión'}:"
                                   f" {exc}")) from None


def _plain(path: list[np.ndarray]) -> list[list[float]]:
    return [[float(v) for v in p] for p in path if np.all(np.isfinite(p))]
