"""Charts for the periodic reports, drawn with matplotlib (Agg, no pyplot state) as SVG.

Charts carry no words: only dates and numbers, which read the same in Arabic and English. The
legend is written in the report's HTML, where pango shapes Arabic; matplotlib does not.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")

from matplotlib import dates as mdates  # noqa: E402
from matplotlib.backends.backend_svg import FigureCanvasSVG  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

# One colour per taxonomy category, in taxonomy order; the map uses the same.
PALETTE = ("#c0392b", "#8e44ad", "#d35400", "#2c3e50", "#16a085", "#2980b9", "#7f8c8d", "#b7950b")
SIZE = (7.0, 2.4)


@dataclass(frozen=True)
class Chart:
    svg: str
    colours: tuple[str, ...]

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


def _figure() -> tuple[Figure, object]:
    figure = Figure(figsize=SIZE, dpi=100)
    FigureCanvasSVG(figure)
    axes = figure.add_subplot(1, 1, 1)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=7)
    axes.grid(axis="y", linewidth=0.3, color="#bbbbbb")
    return figure, axes


def _save(figure: Figure, colours: Sequence[str]) -> Chart:
    figure.tight_layout(pad=0.4)
    out = io.StringIO()
    # No date and a fixed hash salt: the same data gives the same bytes.
    figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return Chart(out.getvalue(), tuple(colours))


def _dates(axes: object, days: Sequence[dt.date]) -> None:
    axes.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=8))  # type: ignore[attr-defined]
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%d.%m"))  # type: ignore[attr-defined]
    axes.set_xlim(days[0] - dt.timedelta(days=0.6), days[-1] + dt.timedelta(days=0.6))  # type: ignore[attr-defined]


def stacked_bars(days: Sequence[dt.date], series: Sequence[Sequence[int]],
                 colours: Sequence[str] = PALETTE) -> Chart:
    matplotlib.rcParams["svg.hashsalt"] = "raqib"
    figure, axes = _figure()
    bottom = [0] * len(days)
    used = []
    for i, values in enumerate(series):
        colour = colours[i % len(colours)]
        axes.bar(days, values, bottom=bottom, color=colour, width=0.8, linewidth=0)  # type: ignore[attr-defined]
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        used.append(colour)
    if days:
        _dates(axes, days)
    axes.yaxis.get_major_locator().set_params(integer=True)  # type: ignore[attr-defined]
    return _save(figure, used)


def line(days: Sequence[dt.date], series: Sequence[Sequence[float | None]], colours: Sequence[str] = PALETTE,
         band: tuple[float, float] | None = None, marker: dt.date | None = None) -> Chart:
    """Lines over days; ``band`` shades a range of values (a baseline), ``marker`` a day (a deadline)."""
    matplotlib.rcParams["svg.hashsalt"] = "raqib"
    figure, axes = _figure()
    if band is not None:
        axes.axhspan(band[0], band[1], color="#f1c40f", alpha=0.25, linewidth=0)  # type: ignore[attr-defined]
    used = []
    for i, values in enumerate(series):
        colour = colours[(i + 5) % len(colours)]
        axes.plot(days, values, color=colour, linewidth=1.4)  # type: ignore[attr-defined]
        used.append(colour)
    if marker is not None:
        axes.axvline(marker, color="#c0392b", linewidth=1, linestyle="--")  # type: ignore[attr-defined]
    if days:
        _dates(axes, days)
    axes.set_ylim(bottom=0)  # type: ignore[attr-defined]
    return _save(figure, used)
