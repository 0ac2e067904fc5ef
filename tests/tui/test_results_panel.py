"""The results panel draws Markdown code spans in verdicts and check messages as code, never as backticks."""
from __future__ import annotations

from textual.app import App, ComposeResult

from tests.tui.conftest import screen_text
from tutor.grading.result import CheckResult, GradeResult, Misconception
from tutor.tui.widgets.results_panel import ResultsPanel


class _PanelApp(App):
    def compose(self) -> ComposeResult:
        yield ResultsPanel("en")


async def test_code_spans_in_check_messages_lose_their_backticks() -> None:
    check = CheckResult("layouts", "Images to channels-last", "failed", 0.0, 3.0,
                        "to_channels_last() is not implemented yet: the starter's `raise NotImplementedError` is "
                        "still there")
    result = GradeResult("tensors/layouts", "failed", 0.0, 3.0, (check,), message="Use `np.transpose` here",
                         misconception=Misconception("reshape-not-transpose", "`reshape` keeps the memory order"),
                         sandbox="bwrap")
    app = _PanelApp()
    async with app.run_test(size=(100, 30)) as pilot:
        app.query_one(ResultsPanel).show_result(result)
        await pilot.pause()
        text = screen_text(app)
    assert "raise NotImplementedError" in text and "np.transpose" in text and "reshape keeps" in text
    assert "`" not in text
