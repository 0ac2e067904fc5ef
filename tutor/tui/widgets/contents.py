"""The lesson's headings as a list to jump to: indented by level, no numerals, long headings wrap, none cut."""
from __future__ import annotations

from rich.padding import Padding
from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class Contents(OptionList):
    """Set `entries` with (level, title, block id) triples; enter or a click posts Contents.Selected."""

    class Selected(Message):
        def __init__(self, block_id: str) -> None:
            super().__init__()
            self.block_id = block_id

    def set_entries(self, entries: list[tuple[int, str, str | None]]) -> None:
        self.clear_options()
        top = min((level for level, _, _ in entries), default=1)
        for level, title, block_id in entries:
            depth = level - top
            # a hanging indent: a wrapped heading's later lines stay under its first word
            prompt = Padding(Text(title, style="bold" if depth == 0 else ""), (0, 0, 0, 2 * depth))
            self.add_option(Option(prompt, id=block_id, disabled=block_id is None))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Selected(event.option.id))
