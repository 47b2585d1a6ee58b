"""Turn a person's series into what the Progress pages show: charts, sentences and tables.

Numbers come from ``stats.py`` (framework-free); this module only words them, draws them with
``charts.py`` and never decides who may see what (``services.partner_series`` does).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from closeknit.progress import charts, stats
from closeknit.progress.instruments import Instrument
from closeknit.progress.services import PersonSeries
from closeknit.tonight.registry import Practice

DAILY_RELIABILITY = 0.70
"""Reliability assumed for one daily 1–7 rating when computing the reliable change index.

A planning assumption, not a measured figure (no study of these exact items exists); the
page's footnote says so. The SD used with it is the person's own baseline SD."""

CHART_DAYS = 91
"""Charts and tables show the last 13 weeks; the statistics use the whole series."""

ADHERENCE_WEEKS = 6


def window(first: dt.date, last: dt.date, today: dt.date) -> tuple[dt.date, dt.date]:
    """The days a chart shows: the last CHART_DAYS up to today, or up to the last check-in
    when that is longer ago (someone back after a break still sees their history)."""
    end = today if (today - last).days < CHART_DAYS else last
    return max(first, end - dt.timedelta(days=CHART_DAYS - 1)), max(end, last)


def _d(day: dt.date) -> str:
    return date_format(day, "j M")


def _span(first: dt.date, last: dt.date) -> str:
    return _("%(first)s – %(last)s") % {"first": _d(first), "last": _d(last)}


def _n(value: float) -> str:
    return f"{value:.1f}"


def _months() -> list[str]:
    return [date_format(dt.date(2001, month, 1), "M") for month in range(1, 13)]


@dataclass
class Row:
    date: dt.date
    value: float
    trend: float | None = None
    lower: float | None = None
    upper: float | None = None


@dataclass
class PairRow:
    date: dt.date
    mine: float | None
    theirs: float | None


@dataclass
class Panel:
    key: str
    ident: str
    title: str
    n_points: int
    enough: bool
    svg: SafeString | str = ""
    sentences: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    pairs: list[PairRow] = field(default_factory=list)  # the couple view: one row per day
    has_trend: bool = False
    has_band: bool = False
    has_marks: bool = False
    reliable: bool = False
    rci_shown: bool = False


def _first_baseline_start(points: Sequence[tuple[dt.date, float]]) -> dt.date | None:
    """The first observed day from which the next 14 days hold enough points for a baseline."""
    days = [day for day, _value in points]
    for index, start in enumerate(days):
        end = start + dt.timedelta(days=stats.BASELINE_DAYS - 1)
        if sum(1 for day in days[index:] if day <= end) >= stats.MIN_POINTS:
            return start
    return None


def summarize(points: Sequence[tuple[dt.date, float]], *, reliability: float) -> stats.Summary:
    summary = stats.summarize(points, reliability=reliability)
    if summary.status is stats.Status.NO_BASELINE:
        # A thin first fortnight would leave no baseline for ever: start it at the first
        # fortnight that holds enough check-ins, and say so on the page.
        start = _first_baseline_start(stats.normalize(points))
        if start is not None:
            summary = stats.summarize(points, reliability=reliability, baseline_start=start)
    return summary


def _trend_sentences(summary: stats.Summary) -> list[str]:
    base = summary.baseline
    assert base is not None
    sentences = [
        ngettext(
            "Baseline (%(span)s): %(mean)s on average, from %(n)s check-in.",
            "Baseline (%(span)s): %(mean)s on average, from %(n)s check-ins.",
            base.n,
        )
        % {"span": _span(base.start, base.end), "mean": _n(base.mean), "n": base.n}
    ]
    if summary.status is stats.Status.BASELINE:
        sentences.append(_("Comparisons start once the baseline fortnight is over."))
        return sentences
    last = summary.trend[-1]
    where = (
        _("above the range expected from the baseline")
        if last.ewma > last.upper
        else _("below the range expected from the baseline")
        if last.ewma < last.lower
        else _("within the range expected from the baseline")
    )
    sentences.append(
        _("The smoothed line is at %(value)s, %(where)s (%(low)s to %(high)s).")
        % {"value": _n(last.ewma), "where": where, "low": _n(last.lower), "high": _n(last.upper)}
    )
    shift = summary.shift
    if shift is not None:
        if not shift.checks:
            remaining = stats.SHIFT_BLOCK - shift.points_monitored
            sentences.append(
                ngettext(
                    "The first week-by-week check comes after %(n)s more check-in.",
                    "The first week-by-week check comes after %(n)s more check-ins.",
                    remaining,
                )
                % {"n": remaining}
            )
        else:
            higher = [c for c in shift.checks if c.signal is stats.Direction.ABOVE]
            if higher:
                sentences.append(
                    _("Week-by-week check: %(weeks)s came out higher than the baseline.")
                    % {"weeks": ", ".join(_span(c.start, c.end) for c in higher)}
                )
            else:
                sentences.append(
                    ngettext(
                        "Week-by-week check: no week has stood out above the baseline yet "
                        "(%(n)s week checked).",
                        "Week-by-week check: no week has stood out above the baseline yet "
                        "(%(n)s weeks checked; later weeks need stronger evidence).",
                        len(shift.checks),
                    )
                    % {"n": len(shift.checks)}
                )
    if summary.rci is not None and summary.current is not None:
        rci = summary.rci
        numbers = {
            "recent": _n(rci.current_mean),
            "base": _n(rci.baseline_mean),
            "rci": f"{rci.rci:.2f}",
        }
        if rci.reliable and rci.direction is stats.Direction.ABOVE:
            text = _(
                "The last week averages %(recent)s against %(base)s at the baseline: "
                "a reliable rise (RCI %(rci)s)."
            )
        elif rci.reliable:
            text = _(
                "The last week averages %(recent)s against %(base)s at the baseline: "
                "a reliable fall (RCI %(rci)s)."
            )
        else:
            text = _(
                "The last week averages %(recent)s against %(base)s at the baseline: not a "
                "reliable change (RCI %(rci)s); everyday ups and downs can do that."
            )
        sentences.append(text % numbers)
    elif summary.status is stats.Status.TRACKING:
        sentences.append(
            _("The last week holds fewer than three check-ins, so there's no comparison yet.")
        )
    return sentences


def daily_panel(
    points: Sequence[tuple[dt.date, float]],
    *,
    key: str,
    ident: str,
    title: str,
    css: str,
    today: dt.date,
) -> Panel:
    summary = summarize(points, reliability=DAILY_RELIABILITY)
    panel = Panel(
        key=key,
        ident=ident,
        title=title,
        n_points=summary.n_points,
        enough=summary.status not in (stats.Status.NOT_ENOUGH_DATA, stats.Status.NO_BASELINE),
    )
    if not panel.enough:
        panel.sentences = [
            ngettext(
                "Not enough data yet: %(n)s check-in so far. A trend shows from five.",
                "Not enough data yet: %(n)s check-ins so far. A trend shows from five.",
                summary.n_points,
            )
            % {"n": summary.n_points}
        ]
        panel.rows = [Row(day, value) for day, value in stats.normalize(points)][-CHART_DAYS:]
        return panel
    start, end = window(summary.first_date or today, summary.last_date or today, today)
    shown = [p for p in summary.trend if p.date >= start]
    monitored = [p for p in shown if p.phase is stats.Phase.MONITORING]
    base = summary.baseline
    assert base is not None
    marks = []
    if summary.shift is not None:
        marks = [
            (max(c.start, start), c.end)
            for c in summary.shift.checks
            if c.signal is stats.Direction.ABOVE and c.end >= start
        ]
    span = None
    if base.end >= start:
        span = (max(base.start, start), min(base.end, end))
    panel.sentences = _trend_sentences(summary)
    panel.has_trend = True
    panel.has_band = len(monitored) >= 2
    panel.has_marks = bool(marks)
    panel.rci_shown = summary.rci is not None and summary.current is not None
    panel.reliable = summary.reliable
    panel.svg = _svg(
        charts.Chart(
            ident=ident,
            title=title,
            desc=" ".join(panel.sentences),
            start=start,
            end=end,
            x_labels=charts.date_labels(start, end, months=_months()),
            lines=[
                charts.Line(
                    points=[(p.date, p.value) for p in shown],
                    css=css,
                    trend=[(p.date, p.ewma) for p in shown],
                )
            ],
            band=[(p.date, p.lower, p.upper) for p in monitored],
            baseline=base.mean,
            baseline_span=span,
            baseline_label=_("Baseline") if span else "",
            marks=marks,
        )
    )
    panel.rows = [
        Row(
            p.date,
            p.value,
            p.ewma,
            p.lower if p.phase is stats.Phase.MONITORING else None,
            p.upper if p.phase is stats.Phase.MONITORING else None,
        )
        for p in shown
    ]
    return panel


def _svg(chart: charts.Chart) -> SafeString:
    # charts.render escapes every piece of text it is given; the rest is numbers.
    return mark_safe(charts.render(chart))  # noqa: S308


def weekly_panel(
    points: Sequence[tuple[dt.date, float]],
    instrument: Instrument,
    *,
    ident: str,
    css: str,
    today: dt.date,
) -> Panel:
    """The weekly score: first weeks against the latest week, by the RCI when possible."""
    points = stats.normalize(points)
    panel = Panel(
        key="weekly",
        ident=ident,
        title=_("Weekly check-in score"),
        n_points=len(points),
        enough=len(points) >= stats.MIN_POINTS,
        rows=[Row(day, value) for day, value in points][-CHART_DAYS // 7 :],
    )
    if not panel.enough:
        panel.sentences = [
            ngettext(
                "Not enough data yet: %(n)s weekly check-in so far. Change shows from five.",
                "Not enough data yet: %(n)s weekly check-ins so far. Change shows from five.",
                len(points),
            )
            % {"n": len(points)}
        ]
        return panel
    first = points[0][0]
    window_end = first + dt.timedelta(days=stats.BASELINE_DAYS - 1)
    base_values = [value for day, value in points if day <= window_end]
    base_mean = sum(base_values) / len(base_values)
    latest_day, latest = points[-1]
    panel.sentences = [
        ngettext(
            "Start (%(span)s): %(mean)s, from %(n)s weekly check-in.",
            "Start (%(span)s): %(mean)s, from %(n)s weekly check-ins.",
            len(base_values),
        )
        % {"span": _span(first, window_end), "mean": _n(base_mean), "n": len(base_values)}
    ]
    if instrument.sd is not None and instrument.reliability is not None:
        rci = stats.reliable_change(
            base_mean, latest, sd=instrument.sd, reliability=instrument.reliability
        )
        panel.rci_shown = True
        panel.reliable = rci.reliable
        numbers = {"latest": _n(latest), "day": _d(latest_day), "rci": f"{rci.rci:.2f}"}
        if rci.reliable:
            text = (
                _("Latest (week of %(day)s): %(latest)s, a reliable rise (RCI %(rci)s).")
                if rci.difference > 0
                else _("Latest (week of %(day)s): %(latest)s, a reliable fall (RCI %(rci)s).")
            )
        else:
            text = _("Latest (week of %(day)s): %(latest)s, not a reliable change (RCI %(rci)s).")
        panel.sentences.append(text % numbers)
    start, end = window(first, latest_day, today)
    shown = [(day, value) for day, value in points if day >= start]
    scale_min, scale_max = instrument.total_range
    panel.svg = _svg(
        charts.Chart(
            ident=ident,
            title=panel.title,
            desc=" ".join(panel.sentences),
            start=start,
            end=end,
            y_min=scale_min,
            y_max=scale_max,
            y_ticks=(scale_min, (scale_min + scale_max) / 2, scale_max),
            x_labels=charts.date_labels(start, end, months=_months()),
            lines=[charts.Line(points=shown, css=css, trend=shown)],
            baseline=base_mean,
        )
    )
    return panel


def person_panels(
    series: PersonSeries, instrument: Instrument, *, who: str, today: dt.date
) -> list[Panel]:
    """The three panels of one person (``who``: "you" or "partner"), in page order."""
    css = "you" if who == "you" else "partner"
    return [
        daily_panel(
            series.closeness,
            key="closeness",
            ident=f"{who}-closeness",
            title=_("Closeness, day by day"),
            css=css,
            today=today,
        ),
        daily_panel(
            series.understood,
            key="understood",
            ident=f"{who}-understood",
            title=_("Felt understood, day by day"),
            css=css,
            today=today,
        ),
        weekly_panel(series.weekly, instrument, ident=f"{who}-weekly", css=css, today=today),
    ]


# Practices


@dataclass
class AdherenceWeek:
    start: dt.date
    counts: list[int]


@dataclass
class Adherence:
    practices: list[Practice]
    weeks: list[AdherenceWeek]


def adherence(
    practices: Sequence[Practice],
    days: Mapping[str, set[dt.date]],
    today: dt.date,
    *,
    weeks: int = ADHERENCE_WEEKS,
) -> Adherence:
    """Days practised per week, for each practice the person has on; newest week first."""
    monday = today - dt.timedelta(days=today.weekday())
    first = monday - dt.timedelta(weeks=weeks - 1)
    counts = {
        p.slug: stats.weekly_adherence(days.get(p.slug, set()), week_start=first, weeks=weeks)
        for p in practices
    }
    rows = [
        AdherenceWeek(
            start=first + dt.timedelta(weeks=index),
            counts=[counts[p.slug][index] for p in practices],
        )
        for index in range(weeks)
    ]
    return Adherence(practices=list(practices), weeks=list(reversed(rows)))


def associations(
    practices: Sequence[Practice],
    days: Mapping[str, set[dt.date]],
    closeness: Sequence[tuple[dt.date, float]],
) -> list[str]:
    """Sentences on next-day closeness after days with and without each practice."""
    by_day: dict[dt.date, set[str]] = {}
    for slug, done in days.items():
        for day in done:
            by_day.setdefault(day, set()).add(slug)
    if not by_day:
        return []
    names = {p.slug: str(p.name) for p in practices}
    results = stats.practice_association(by_day, dict(stats.normalize(closeness)))
    sentences = []
    for result in results:
        if result.practice not in names:
            continue
        name = names[result.practice]
        if result.enough_data:
            assert result.mean_done is not None and result.mean_not_done is not None
            sentences.append(
                _(
                    "After days with %(name)s, next-day closeness averaged %(done)s; after "
                    "days without, %(not)s (%(n_done)s and %(n_not)s days)."
                )
                % {
                    "name": name,
                    "done": _n(result.mean_done),
                    "not": _n(result.mean_not_done),
                    "n_done": result.n_done,
                    "n_not": result.n_not_done,
                }
            )
        else:
            sentences.append(
                _(
                    "%(name)s: not enough days to compare yet (%(n_done)s with, %(n_not)s "
                    "without; five of each are needed)."
                )
                % {"name": name, "n_done": result.n_done, "n_not": result.n_not_done}
            )
    return sentences


# The couple view


def couple_panel(
    mine: Sequence[tuple[dt.date, float]],
    theirs: Sequence[tuple[dt.date, float]],
    *,
    partner_name: str,
    today: dt.date,
) -> Panel:
    """Both people's daily closeness on one chart (shown only when both share)."""
    all_days = [day for day, _v in [*mine, *theirs]] or [today]
    start, end = window(min(all_days), max(all_days), today)
    lines = []
    for points, css in ((mine, "you"), (theirs, "partner")):
        summary = summarize(points, reliability=DAILY_RELIABILITY)
        shown = [p for p in stats.normalize(points) if p[0] >= start]
        trend = [(p.date, p.ewma) for p in summary.trend if p.date >= start]
        lines.append(charts.Line(points=shown, css=css, trend=trend))
    my_days = dict(stats.normalize(mine))
    their_days = dict(stats.normalize(theirs))
    days = sorted(day for day in set(my_days) | set(their_days) if start <= day <= end)
    title = _("Closeness, both of you")
    desc = _(
        "Your daily closeness and %(name)s's, with a smoothed line for each, from %(start)s."
    ) % {"name": partner_name, "start": _d(start)}
    panel = Panel(
        key="couple",
        ident="couple-closeness",
        title=title,
        n_points=len(days),
        enough=len(days) >= stats.MIN_POINTS,
        sentences=[desc],
    )
    panel.svg = _svg(
        charts.Chart(
            ident=panel.ident,
            title=title,
            desc=desc,
            start=start,
            end=end,
            x_labels=charts.date_labels(start, end, months=_months()),
            lines=lines,
        )
    )
    panel.pairs = [PairRow(day, my_days.get(day), their_days.get(day)) for day in days]
    return panel
