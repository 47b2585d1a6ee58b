"""Small server-rendered SVG charts (framework-free: no Django).

Every colour comes from a CSS class (``chart__…``), so charts follow light and dark mode with
the rest of the page and need no inline styles (the Content-Security-Policy forbids them).
Geometry uses presentation attributes only. Text passed in is escaped here.

A chart is an ``<svg role="img">`` named by its ``<title>`` and ``<desc>``; pages put a text
summary and a data table next to it for people who cannot see it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from html import escape

WIDTH = 360
HEIGHT = 210
LEFT, RIGHT, TOP, BOTTOM = 30, 12, 14, 28  # plot margins in viewBox units


@dataclass(frozen=True)
class Line:
    """One person's series: dots for observations and, optionally, a smoothed line."""

    points: Sequence[tuple[date, float]]
    css: str = "you"  # chart__dot--<css>, chart__trend--<css>
    trend: Sequence[tuple[date, float]] = ()
    dots: bool = True


@dataclass(frozen=True)
class Chart:
    ident: str  # unique on the page: used for the title and desc ids
    title: str
    desc: str
    start: date
    end: date
    y_min: float = 1
    y_max: float = 7
    y_ticks: Sequence[float] = (1, 4, 7)
    x_labels: Sequence[tuple[date, str]] = ()
    lines: Sequence[Line] = ()
    # The band the smoothed line is expected to stay within: (date, lower, upper).
    band: Sequence[tuple[date, float, float]] = ()
    baseline: float | None = None
    baseline_span: tuple[date, date] | None = None
    baseline_label: str = ""
    # Spans to mark (for example a week flagged as higher than the baseline).
    marks: Sequence[tuple[date, date]] = field(default_factory=tuple)


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


class _Scale:
    def __init__(self, chart: Chart) -> None:
        self.chart = chart
        self.days = max((chart.end - chart.start).days, 1)
        self.plot_w = WIDTH - LEFT - RIGHT
        self.plot_h = HEIGHT - TOP - BOTTOM

    def x(self, day: date) -> float:
        offset = min(max((day - self.chart.start).days, 0), self.days)
        return LEFT + self.plot_w * offset / self.days

    def y(self, value: float) -> float:
        low, high = self.chart.y_min, self.chart.y_max
        clamped = min(max(value, low), high)
        return TOP + self.plot_h * (high - clamped) / (high - low)


def _polyline(points: Sequence[tuple[float, float]], css: str) -> str:
    if len(points) < 2:
        return ""
    coords = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in points)
    return f'<polyline class="{css}" points="{coords}" fill="none"/>'


def render(chart: Chart) -> str:
    """The chart as an SVG string, safe to insert into HTML."""
    scale = _Scale(chart)
    title_id, desc_id = f"{chart.ident}-title", f"{chart.ident}-desc"
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" focusable="false">',
        f'<title id="{title_id}">{escape(chart.title)}</title>',
        f'<desc id="{desc_id}">{escape(chart.desc)}</desc>',
    ]
    bottom = TOP + scale.plot_h
    if chart.baseline_span is not None:
        left, right = (scale.x(day) for day in chart.baseline_span)
        parts.append(
            f'<rect class="chart__baseline-span" x="{_fmt(left)}" y="{TOP}" '
            f'width="{_fmt(max(right - left, 1))}" height="{scale.plot_h}"/>'
        )
        if chart.baseline_label:
            parts.append(
                f'<text class="chart__label" x="{_fmt(left + 3)}" y="{TOP + 11}">'
                f"{escape(chart.baseline_label)}</text>"
            )
    for first, last in chart.marks:
        left, right = scale.x(first), scale.x(last)
        parts.append(
            f'<rect class="chart__mark" x="{_fmt(left)}" y="{TOP}" '
            f'width="{_fmt(max(right - left, 2))}" height="{scale.plot_h}"/>'
        )
    for tick in chart.y_ticks:
        y = scale.y(tick)
        parts.append(
            f'<line class="chart__grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
            f'y1="{_fmt(y)}" y2="{_fmt(y)}"/>'
        )
        parts.append(
            f'<text class="chart__axis" x="{LEFT - 8}" y="{_fmt(y + 4)}" '
            f'text-anchor="end">{escape(_fmt(tick))}</text>'
        )
    for day, label in chart.x_labels:
        x = scale.x(day)
        parts.append(
            f'<line class="chart__tick" x1="{_fmt(x)}" x2="{_fmt(x)}" '
            f'y1="{bottom}" y2="{bottom + 4}"/>'
        )
        anchor = "start" if x < LEFT + 20 else "end" if x > WIDTH - RIGHT - 20 else "middle"
        parts.append(
            f'<text class="chart__axis" x="{_fmt(x)}" y="{bottom + 19}" '
            f'text-anchor="{anchor}">{escape(label)}</text>'
        )
    if len(chart.band) >= 2:
        upper = [(scale.x(day), scale.y(high)) for day, _low, high in chart.band]
        lower = [(scale.x(day), scale.y(low)) for day, low, _high in reversed(chart.band)]
        coords = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in upper + lower)
        parts.append(f'<polygon class="chart__band" points="{coords}"/>')
    if chart.baseline is not None:
        y = scale.y(chart.baseline)
        parts.append(
            f'<line class="chart__baseline" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
            f'y1="{_fmt(y)}" y2="{_fmt(y)}"/>'
        )
    for line in chart.lines:
        if line.dots:
            parts.extend(
                f'<circle class="chart__dot chart__dot--{line.css}" '
                f'cx="{_fmt(scale.x(day))}" cy="{_fmt(scale.y(value))}" r="3.2"/>'
                for day, value in line.points
            )
        parts.append(
            _polyline(
                [(scale.x(day), scale.y(value)) for day, value in line.trend],
                f"chart__trend chart__trend--{line.css}",
            )
        )
    parts.append(
        f'<line class="chart__frame" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{bottom}" y2="{bottom}"/>'
    )
    parts.append("</svg>")
    return "".join(part for part in parts if part)


def date_labels(
    start: date, end: date, *, fmt: str = "{d} {m}", months: Sequence[str] = (), count: int = 4
) -> list[tuple[date, str]]:
    """About ``count`` evenly spaced dates from ``start`` to ``end``, labelled "3 Mar".

    ``months`` are the twelve month abbreviations (translated by the caller).
    """
    names = list(months) or [
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "May",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
    ]
    days = (end - start).days
    if days <= 0:
        return [(start, fmt.format(d=start.day, m=names[start.month - 1]))]
    steps = max(min(count - 1, days), 1)
    chosen: list[date] = []
    for index in range(steps + 1):
        day = start.fromordinal(start.toordinal() + round(days * index / steps))
        if day not in chosen:
            chosen.append(day)
    return [(day, fmt.format(d=day.day, m=names[day.month - 1])) for day in chosen]


@dataclass(frozen=True)
class Level:
    """One of the seven daily pictures: two circles, overlapping more at each level."""

    value: int
    left: float  # the centre of "you"
    right: float  # the centre of "your partner"
    radius: float


PICTURE_WIDTH = 120
PICTURE_HEIGHT = 56


def closeness_levels(levels: int = 7) -> list[Level]:
    """Geometry for the daily pictures: from two circles apart to almost one.

    Level 1 leaves a gap between the circles; level 7 leaves a sliver of each showing.
    """
    radius = 22.0
    far, near = 2 * radius + 8, radius * 0.18
    centre = PICTURE_WIDTH / 2
    out = []
    for index in range(levels):
        distance = far - (far - near) * index / (levels - 1)
        out.append(
            Level(
                value=index + 1,
                left=round(centre - distance / 2, 2),
                right=round(centre + distance / 2, 2),
                radius=radius,
            )
        )
    return out
