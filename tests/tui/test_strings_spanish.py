"""Every learner-facing entry of the TUI's string tables has its Spanish: key descriptions, help lines, verdicts."""
from __future__ import annotations

import importlib
import inspect
import pkgutil

import tutor.tui.screens
import tutor.tui.widgets
from tutor.tui.app import TutorApp
from tutor.tui.screens.help import EXTRA_KEYS
from tutor.tui.strings import KEYS_ES, SHORT_STATUS, STATUS


def _classes_with_bindings() -> list[type]:
    found: list[type] = [TutorApp]
    for package in (tutor.tui.screens, tutor.tui.widgets):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            found += [c for _, c in inspect.getmembers(module, inspect.isclass)
                      if c.__module__ == module.__name__ and "BINDINGS" in vars(c)]
    return found


def test_every_key_description_in_the_footer_and_help_has_its_spanish() -> None:
    classes = _classes_with_bindings()
    assert len(classes) > 5  # the screens were found: not a test passed by finding nothing
    missing = {f"{c.__name__}: {b.description}" for c in classes for b in c.BINDINGS
               if getattr(b, "description", "") and b.description not in KEYS_ES}
    assert missing == set()


def test_every_help_line_and_verdict_has_a_spanish_text_of_its_own() -> None:
    for _screen, _key, en, es in EXTRA_KEYS:
        assert es.strip() and es != en, en
    for status, (en, es) in {**STATUS, **SHORT_STATUS}.items():
        assert es.strip(), status
    assert not [en for en, es in KEYS_ES.items() if not es.strip()]
