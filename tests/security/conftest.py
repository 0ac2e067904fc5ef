"""Fixtures for the hostile-submission tests: each sandbox mode in turn."""
from __future__ import annotations

import pytest

from tests.security.hostile import ISOLATED, MODES


@pytest.fixture(params=MODES)
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TUTOR_SANDBOX", request.param)
    return request.param


@pytest.fixture(params=ISOLATED)
def isolated_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TUTOR_SANDBOX", request.param)
    return request.param
