"""Horizontal bar charts as data for a server-rendered SVG (``reports/dashboard/_chart.html``).

Every bar carries its label and its value as text, so nothing is told by colour
alone; a hidden figure is drawn as no bar with its mark ("c") as the value; a
95% confidence interval is a whisker with end caps. Labels sit above their bars,
so the chart stays readable when a phone shrinks it. Coordinates are in SVG user
units (the viewBox), formatted here so the template prints them as they are.
Every chart is shown next to a table of the same figures.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 360
VALUE_COLUMN = 76
PLOT_LEFT = 2
PLOT_RIGHT = WIDTH - VALUE_COLUMN - 8
ROW_HEIGHT = 46
LABEL_BASELINE = 15
BAR_TOP = 21
BAR_HEIGHT = 16
AXIS_SPACE = 26
CAP = 4


@dataclass(frozen=True)
class ChartRow:
    """One bar's figures: ``value`` None when the figure is hidden or missing (``value_text`` says which)."""

    label: str
    value: float | None
    value_text: str
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    label_y: str
    bar_y: str
    value_y: str
    x: str
    width: str
    hidden: bool
    whisker_x1: str = ""
    whisker_x2: str = ""
    whisker_y: str = ""
    cap_top: str = ""
    cap_bottom: str = ""


@dataclass(frozen=True)
class Tick:
    x: str
    label: str


@dataclass(frozen=True)
class BarChart:
    key: str
    title: str
    description: str
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    width: int
    height: int
    zero_x: str
    value_x: str
    plot_top: str
    plot_bottom: str
    tick_y: str
    has_intervals: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.bars

    @property
    def has_bars(self) -> bool:
        """False when every figure is hidden or missing: then the chart says nothing the table does not."""
        return any(not bar.hidden for bar in self.bars)


def _finite(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round tick values spanning [low, high] (steps of 1, 2 or 5 times a power of ten), including 0."""
    span = high - low
    if span <= 0:
        return [low]
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    return [round(i * step, 10) for i in range(first, last + 1)]


def bar_chart(
    *,
    key: str,
    title: str,
    rows: Sequence[ChartRow],
    tick_format,
    domain: tuple[float, float] | None = None,
    intervals: bool = True,
) -> BarChart:
    """Lay out a horizontal bar chart.

    ``domain`` fixes the axis (0 to 1 for rates); otherwise it runs from the lowest
    to the highest value or interval limit, always including 0, padded to round
    ticks. ``tick_format`` turns a tick value into its label.
    """
    shown = [row for row in rows if row.value is not None]
    if domain is None:
        limits = [0.0]
        for row in shown:
            limits += [v for v in (row.value, row.low, row.high) if v is not None and math.isfinite(v)]
        ticks = nice_ticks(min(limits), max(limits)) if max(limits) > min(limits) else [0.0, 1.0]
        low, high = min(min(limits), ticks[0]), max(max(limits), ticks[-1])
        if high == low:
            high = low + 1
    else:
        low, high = domain
        ticks = nice_ticks(low, high, count=2)
    scale = (PLOT_RIGHT - PLOT_LEFT) / (high - low)

    def x_of(value: float) -> float:
        return PLOT_LEFT + (min(max(value, low), high) - low) * scale

    zero = x_of(0.0)
    bars = []
    for i, row in enumerate(rows):
        top = i * ROW_HEIGHT
        bar_y = top + BAR_TOP
        fields: dict[str, str] = {}
        if row.value is not None and math.isfinite(row.value):
            end = x_of(row.value)
            x, width = min(zero, end), abs(end - zero)
            low_end, high_end = row.low, row.high
            if intervals and low_end is not None and high_end is not None and _finite(low_end) and _finite(high_end):
                middle = bar_y + BAR_HEIGHT / 2
                fields = {
                    "whisker_x1": _fmt(x_of(low_end)),
                    "whisker_x2": _fmt(x_of(high_end)),
                    "whisker_y": _fmt(middle),
                    "cap_top": _fmt(middle - CAP),
                    "cap_bottom": _fmt(middle + CAP),
                }
        else:
            x, width = zero, 0.0
        bars.append(
            Bar(
                label=row.label,
                value_text=row.value_text,
                label_y=_fmt(top + LABEL_BASELINE),
                bar_y=_fmt(bar_y),
                value_y=_fmt(bar_y + BAR_HEIGHT - 3),
                x=_fmt(x),
                width=_fmt(width),
                hidden=row.value is None,
                **fields,
            )
        )
    plot_bottom = len(rows) * ROW_HEIGHT
    parts = [f"{row.label}: {row.value_text}" for row in rows]
    description = "; ".join(parts) + "."
    if any(bar.whisker_y for bar in bars):
        description += " Lines across the bars show 95% confidence intervals."
    return BarChart(
        key=key,
        title=title,
        description=description,
        bars=tuple(bars),
        ticks=tuple(Tick(_fmt(x_of(t)), tick_format(t)) for t in ticks),
        width=WIDTH,
        height=plot_bottom + AXIS_SPACE,
        zero_x=_fmt(zero),
        value_x=_fmt(PLOT_RIGHT + 8),
        plot_top="0.0",
        plot_bottom=_fmt(plot_bottom + 4),
        tick_y=_fmt(plot_bottom + AXIS_SPACE - 6),
        has_intervals=any(bar.whisker_y for bar in bars),
    )
