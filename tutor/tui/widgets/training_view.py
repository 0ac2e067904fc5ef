"""Live training: a progress bar over the epochs and the loss and accuracy curves so far."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import ProgressBar, Static

from tutor.tui.strings import tr
from tutor.tui.widgets.series_plot import SeriesPlot


class TrainingView(Vertical):
    """Fed with `epoch` events by the results panel: {"epoch": n, "epochs": N, "metrics": {...}}."""

    def __init__(self, lang: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.lang = lang
        self.history: list[dict[str, float]] = []
        self.epochs: int | None = None
        self._last: dict = {}
        self._ready = False  # events can arrive before the children are mounted

    def compose(self) -> ComposeResult:
        yield Static("", id="epoch-label")
        yield ProgressBar(total=None, show_eta=False, id="epoch-bar")
        with Horizontal(id="curves"):
            yield SeriesPlot(tr(self.lang, "loss", "pérdida"), id="loss-plot")
            yield SeriesPlot(tr(self.lang, "accuracy", "exactitud"), id="accuracy-plot")

    def on_mount(self) -> None:
        self._ready = True
        if self.history:
            self._redraw()

    def add_epoch(self, event: dict) -> None:
        metrics = {k: float(v) for k, v in (event.get("metrics") or {}).items() if isinstance(v, (int, float))}
        self.history.append(metrics)
        self._last = event
        epochs = event.get("epochs")
        if isinstance(epochs, int) and epochs > 0:
            self.epochs = epochs
        if self._ready:
            self._redraw()

    def _redraw(self) -> None:
        event, metrics = self._last, self.history[-1]
        bar = self.query_one("#epoch-bar", ProgressBar)
        bar.update(total=self.epochs, progress=len(self.history))
        shown = "  ".join(f"{k} {v:.4f}" for k, v in metrics.items())
        number = event.get("epoch", len(self.history))
        self.query_one("#epoch-label", Static).update(
            f"{tr(self.lang, 'epoch', 'época')} {number}/{self.epochs or '?'}  {shown}")
        self._plot("#loss-plot", ("loss", "val_loss"))
        self._plot("#accuracy-plot", ("accuracy", "val_accuracy", "acc", "val_acc"))

    def _plot(self, selector: str, names: tuple[str, ...]) -> None:
        plot = self.query_one(selector, SeriesPlot)
        plot.series = {name: [(float(i + 1), h[name]) for i, h in enumerate(self.history) if name in h]
                       for name in names if any(name in h for h in self.history)}
        plot.redraw()
