"""The SVG charts and the seven daily pictures (framework-free)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from closeknit.progress import charts

D0 = date(2025, 3, 3)


def chart(**overrides: object) -> charts.Chart:
    points = [(D0 + timedelta(days=i), float(1 + i % 7)) for i in range(30)]
    options: dict[str, object] = {
        "ident": "c1",
        "title": "Closeness <day> by day",
        "desc": "A desc & more",
        "start": D0,
        "end": D0 + timedelta(days=29),
        "lines": [charts.Line(points=points, trend=points)],
        "band": [(day, 3.0, 5.0) for day, _v in points[14:]],
        "baseline": 4.0,
        "baseline_span": (D0, D0 + timedelta(days=13)),
        "baseline_label": "Baseline",
        "x_labels": charts.date_labels(D0, D0 + timedelta(days=29)),
        "marks": [(D0 + timedelta(days=14), D0 + timedelta(days=20))],
    }
    options.update(overrides)
    return charts.Chart(**options)  # type: ignore[arg-type]


def test_a_chart_is_a_named_image_with_colours_from_classes_only() -> None:
    svg = charts.render(chart())
    assert svg.startswith('<svg class="chart"') and svg.endswith("</svg>")
    assert 'role="img" aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">Closeness &lt;day&gt; by day</title>' in svg
    assert '<desc id="c1-desc">A desc &amp; more</desc>' in svg
    assert "style" not in svg and 'fill="#' not in svg and 'stroke="#' not in svg
    assert svg.count('class="chart__dot chart__dot--you"') == 30
    assert 'class="chart__band"' in svg and 'class="chart__baseline"' in svg
    assert 'class="chart__mark"' in svg and 'class="chart__trend chart__trend--you"' in svg


def test_values_map_into_the_plot_and_off_scale_values_are_clamped() -> None:
    svg = charts.render(
        chart(lines=[charts.Line(points=[(D0, 1.0), (D0 + timedelta(days=29), 99.0)])])
    )
    ys = [float(y) for y in re.findall(r'<circle[^>]* cy="([\d.]+)"', svg)]
    assert ys == [charts.HEIGHT - charts.BOTTOM, charts.TOP]
    xs = [float(x) for x in re.findall(r'<circle[^>]* cx="([\d.]+)"', svg)]
    assert xs == [charts.LEFT, charts.WIDTH - charts.RIGHT]


def test_date_labels_are_spread_over_the_span() -> None:
    labels = charts.date_labels(date(2025, 1, 30), date(2025, 3, 1), count=4)
    assert labels[0] == (date(2025, 1, 30), "30 Jan") and labels[-1] == (date(2025, 3, 1), "1 Mar")
    assert len(labels) == 4
    assert charts.date_labels(D0, D0) == [(D0, "3 Mar")]


def test_the_seven_pictures_overlap_more_at_each_level() -> None:
    levels = charts.closeness_levels()
    assert [level.value for level in levels] == list(range(1, 8))
    distances = [level.right - level.left for level in levels]
    assert distances == sorted(distances, reverse=True)
    radius = levels[0].radius
    assert distances[0] > 2 * radius  # level 1: apart
    assert abs(distances[1] - 2 * radius) < 0.5  # level 2: just touching
    assert 0 < distances[-1] < radius / 4  # level 7: almost one
    for level in levels:  # both circles stay inside the picture
        assert level.left - radius >= 0 and level.right + radius <= charts.PICTURE_WIDTH
