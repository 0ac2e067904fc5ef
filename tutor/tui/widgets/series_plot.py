"""A small line plot (textual-plotext): training curves, optimizer trajectories, learning-rate schedules."""
from __future__ import annotations

from typing import Any

from textual_plotext import PlotextPlot

Series = dict[str, list[tuple[float, float]]]


def as_series(data: Any, prefix: str = "") -> Series:
    """Whatever shape an artifact has, the lines that can be drawn from it.

    A list of numbers is y against its index; a list of [x, y] pairs is itself; a dict names its lines
    (nested dicts join their names). Anything else is left out, never an error.
    """
    out: Series = {}
    if isinstance(data, dict):
        for key, value in data.items():
            out.update(as_series(value, f"{prefix}{key}" if not prefix else f"{prefix}.{key}"))
        return out
    if isinstance(data, list) and data:
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in data):
            out[prefix or "y"] = [(float(i), float(v)) for i, v in enumerate(data)]
        elif all(isinstance(v, (list, tuple)) and len(v) >= 2 and all(isinstance(c, (int, float)) for c in v[:2])
                 for v in data):
            out[prefix or "y"] = [(float(v[0]), float(v[1])) for v in data]
    return out


class SeriesPlot(PlotextPlot):
    """Lines by name; `series` and `title` are set by the parent, which calls `redraw()`."""

    def __init__(self, title: str = "", series: Series | None = None, *, xlabel: str = "", ylabel: str = "",
                 path: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.title, self.series, self.xlabel, self.ylabel = title, dict(series or {}), xlabel, ylabel
        self.path = path  # a trajectory: mark where each line starts and ends

    def on_mount(self) -> None:
        super().on_mount()
        self.redraw()

    def redraw(self) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(self.title)
        if self.xlabel:
            plt.xlabel(self.xlabel)
        if self.ylabel:
            plt.ylabel(self.ylabel)
        for name, points in self.series.items():
            if not points:
                continue
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            plt.plot(xs, ys, label=name, marker="braille")
            if self.path:
                plt.scatter([xs[-1]], [ys[-1]], marker="●")
        self.refresh()
