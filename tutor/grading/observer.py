"""Worker side: counts the TensorFlow mechanisms the learner's code uses, so a grader can check the mechanism an
exercise teaches and not only the numbers it returns (a NumPy formula gives the same numbers as a GradientTape).

Installed into a running worker by the grader (`observer` fixture, tutor/grading/plugin.py), after the learner's
module has loaded. It wraps methods at class level, so names the learner bound at import time are observed too.
The counts live in the sandboxed worker and are untrusted like everything else from there: they tell an honest
shortcut from the mechanism, they are no defence against code written to fool them.
"""
from __future__ import annotations

import functools
import sys
from typing import Any, Callable

COUNTS: dict[str, int] = {}


def _count(key: str, original: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        COUNTS[key] = COUNTS.get(key, 0) + 1
        return original(*args, **kwargs)

    wrapper.__tutor_observed__ = True  # type: ignore[attr-defined]
    return wrapper


def _count_session_run(original: Callable[..., Any]) -> Callable[..., Any]:
    """Every run, and apart the runs that fetch a value (a tensor), not only operations such as an initialiser."""
    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        COUNTS["session.run"] = COUNTS.get("session.run", 0) + 1
        fetches = args[1] if len(args) > 1 else kwargs.get("fetches")
        if _fetches_a_value(fetches):
            COUNTS["session.run:value"] = COUNTS.get("session.run:value", 0) + 1
        return original(*args, **kwargs)

    wrapper.__tutor_observed__ = True  # type: ignore[attr-defined]
    return wrapper


def _fetches_a_value(fetches: Any) -> bool:
    tf = sys.modules["tensorflow"]
    try:
        flat = tf.nest.flatten(fetches)
    except Exception:  # an odd fetch structure: TensorFlow itself will say what is wrong with it
        return True
    for item in flat:
        if isinstance(item, tf.Operation):
            continue
        if isinstance(item, str) and ":" not in item:
            continue  # an operation's name, such as "init"
        return True
    return False


def _wrap_method(cls: type, name: str, key: str, counter: Callable[..., Any] | None = None) -> bool:
    """Wrap `name` where the class hierarchy defines it (e.g. BaseSession.run for every kind of Session)."""
    for owner in cls.__mro__:
        original = owner.__dict__.get(name)
        if original is None:
            continue
        if getattr(original, "__tutor_observed__", False):
            return True
        setattr(owner, name, counter(original) if counter else _count(key, original))
        return True
    return False


def install() -> list[str]:
    """Wrap what is there to observe; return the keys that can be counted in this runtime."""
    observed: list[str] = []
    tf = sys.modules.get("tensorflow")
    if tf is not None:
        if _wrap_method(tf.GradientTape, "gradient", "tape.gradient"):
            observed.append("tape.gradient")
        _wrap_method(tf.GradientTape, "jacobian", "tape.gradient")  # a Jacobian is the tape's gradient too
        if _wrap_method(tf.compat.v1.Session, "run", "session.run", _count_session_run):
            observed += ["session.run", "session.run:value"]
    for key in observed:
        COUNTS.setdefault(key, 0)
    return sorted(set(observed))


def counts() -> dict[str, int]:
    return dict(COUNTS)
