"""The progress screen's own report (key m): the learner's score over attempts and their most frequent mistake."""
from __future__ import annotations

import time

from textual.widgets import DataTable

from tests.tui.conftest import make_app, screen_text, tensors_course, wait_for
from tutor.core.progress import Attempt
from tutor.tui.screens.progress import ProgressScreen
from tutor.tui.widgets.my_report import MyReport

SIZE = (80, 24)
LAYOUTS = "tensors/layouts"


def _record(store, score: float, misconception: str | None) -> None:
    result = {"exercise": LAYOUTS, "status": "passed" if score == 10 else "failed", "score": score,
              "max_score": 10.0, "misconception": {"id": misconception, "hint": "stored"} if misconception else None}
    store.record_attempt(Attempt(LAYOUTS, time.time(), result["status"], score, 10.0, 0.1, "cpu", ""), result)


async def test_my_curve_and_my_most_frequent_mistake(tmp_path):
    course = tensors_course()
    app = make_app(course, tmp_path / "ws", lang="es")
    async with app.run_test(size=SIZE) as pilot:
        for score, mistake in ((0.0, "swap-height-width"), (4.0, "reshape-not-transpose"),
                               (4.0, "swap-height-width"), (10.0, None)):
            _record(app.store, score, mistake)
        await pilot.pause()
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, ProgressScreen))
        assert not app.screen.query_one(MyReport).display  # hidden until asked for: the table keeps the room
        await pilot.press("m")
        table = app.screen.query_one(DataTable)
        keys = [row.key.value for row in table.ordered_rows]
        table.move_cursor(row=keys.index(f"exercise:{LAYOUTS}"))
        await pilot.pause(0.2)
        text = screen_text(app)
        assert "tu nota en 4 intentos" in text and "▁▄▄█" in text and "0 → 10/10" in text
        assert "Tu error más frecuente (2 de 4 calificados)" in text
        assert "Tus arreglos tienen" in text  # the misconception's own hint, in Spanish
        table.move_cursor(row=keys.index("exercise:tensors/describe"))
        await pilot.pause(0.2)
        assert "todavía sin intentos" in screen_text(app)
        await pilot.press("m")
        await pilot.pause()
        assert not app.screen.query_one(MyReport).display
