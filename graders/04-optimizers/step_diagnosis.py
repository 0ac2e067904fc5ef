"""Why an optimizer step went wrong, in the learner's terms: diagnoses that optimizer_cases adds to a failure.
Trusted side only: each function returns a sentence (or "") and never fails itself, so a diagnosis that cannot
be made says nothing and the comparison's own message stands.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from tutor.grading.checks import t


def first_step_reading(theta0: np.ndarray, got1: np.ndarray, want1: np.ndarray) -> str:
    """The first step from a fresh (all-zero) state: NaN, no move at all, or a jump far beyond the expected one.
    All three come from using the state before this step's gradient is in it (or a counter still at 0)."""
    with np.errstate(all="ignore"):
        if not np.all(np.isfinite(got1)):
            return t("θ became NaN/inf at the very first step: something was divided by zero. In a fresh state the "
                     "accumulators and the step counter are 0 (1 - beta1**0 = 0, sqrt(0) = 0): update the state "
                     "with this step's gradient (and t = t + 1) before using it.",
                     "θ se volvió NaN/inf en el primer paso: algo se dividió por cero. En un estado nuevo los "
                     "acumuladores y el contador de pasos valen 0 (1 - beta1**0 = 0, sqrt(0) = 0): actualiza el "
                     "estado con el gradiente de este paso (y t = t + 1) antes de usarlo.")
        moved, wanted = float(np.max(np.abs(got1 - theta0))), float(np.max(np.abs(want1 - theta0)))
    if wanted > 0 and moved == 0.0:
        return t("θ did not move at the first step: from a zero state only this step's gradient can move it, so "
                 "your step uses the state from before the update (e.g. theta + velocity with the old velocity). "
                 "Update the state first, then move theta with the new one.",
                 "θ no se movió en el primer paso: desde un estado en cero solo el gradiente de este paso puede "
                 "moverlo, así que tu paso usa el estado de antes de actualizarlo (p. ej. theta + velocity con la "
                 "velocidad vieja). Actualiza primero el estado y luego mueve theta con el nuevo.")
    if wanted > 0 and moved > 100 * wanted:
        return t(f"θ moved {moved / wanted:.3g} times farther than expected at the first step: from a zero state "
                 "that is a division by (almost) only eps, so your step divides by the accumulator from before this "
                 "step's gradient was added. Update the state first, then divide by the new one.",
                 f"θ se movió {moved / wanted:.3g} veces más de lo esperado en el primer paso: desde un estado en "
                 "cero eso es dividir casi solo por eps, así que tu paso divide por el acumulador de antes de sumar "
                 "el gradiente de este paso. Actualiza primero el estado y luego divide por el nuevo.")
    return ""


def hidden_state_reading(step: Any, theta: np.ndarray, g: Any, state: dict, hyper: dict[str, Any]) -> str:
    """The same call twice gives two different steps: the learner's code keeps state of its own between calls
    (a global, a class attribute) instead of the state it is given and returns."""
    def fresh() -> tuple[np.ndarray, dict]:  # copies: code that updates in place must not look stateful
        return np.array(theta, copy=True), {k: np.array(v, copy=True) if isinstance(v, np.ndarray) else v
                                            for k, v in state.items()}

    try:
        first, second = step(*fresh()[:1], g, fresh()[1], **hyper), step(*fresh()[:1], g, fresh()[1], **hyper)
        a, b = np.asarray(first[0], dtype=np.float64), np.asarray(second[0], dtype=np.float64)
    except Exception:  # a diagnosis only
        return ""
    if a.shape == b.shape and np.allclose(a, b, rtol=1e-12, atol=0.0, equal_nan=True):
        return ""
    return t("Called twice with the same theta, gradient and state, your step returned two different thetas: it "
             "keeps something of its own between calls (a global variable, an attribute of an object) instead of "
             "reading everything from the state it is given. The caller passes the state in and gets the new one "
             "back: that is the only memory between steps.",
             "Llamado dos veces con el mismo theta, gradiente y estado, tu paso devolvió dos thetas distintos: "
             "guarda algo propio entre llamadas (una variable global, un atributo de un objeto) en lugar de leer "
             "todo del estado que recibe. Quien llama pasa el estado y recibe el nuevo: esa es la única memoria "
             "entre pasos.")
