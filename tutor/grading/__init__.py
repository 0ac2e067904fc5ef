"""The grading engine. `grade()` is the one entry point; the heavy parts are imported when it is called."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.grading.result import GradeResult


def grade(*args: Any, **kwargs: Any) -> GradeResult:
    """See tutor.grading.engine.grade."""
    from tutor.grading.engine import grade as _grade

    return _grade(*args, **kwargs)
