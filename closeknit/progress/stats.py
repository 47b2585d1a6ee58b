"""Statistics for one person's check-in series: "is it working for us?".

Framework-free (no Django): views turn these numbers and enums into words.

A series is a list of ``(date, value)`` daily observations for one person. It may be unsorted
and may have missing days; several values on the same day are averaged into one.

What the Progress page shows, and the method behind each part:

* **Not enough data** under ``MIN_POINTS`` (5) observations: single-case design standards ask
  for at least five points per phase.
* **Baseline**: the first ``BASELINE_DAYS`` (14) calendar days from the first observation,
  summarised by mean and sample SD (at least five observations in the window).
* **Trend**: an EWMA (exponentially weighted moving average) with control limits, as used to
  detect change in one person's diary data (Smit, Schat & Ceulemans 2022). On the page it is the
  smoothed line and its band ("the range expected from your baseline").
* **Week-by-week check** (``shift_checks``, ``detect_shift``): the detector behind the words
  "your first week after the baseline was higher". Each block of ``SHIFT_BLOCK`` (7)
  observations after the baseline is compared with the baseline by a predictive two-sample
  t-test (see below).
* **Change**: the reliable change index of Jacobson & Truax (1991) between the baseline mean and
  the mean of the most recent week; only this is ever called "reliable".
* **Which practices went with better days**: a within-person association, never a cause.

The wished-for bars (issue 8): a +1.5 SD step after a 14-point baseline flagged within 7 points
in >= 90% of 500 seeded series, and flat series raising a false alarm in <= 5%. Both are met by
the week-by-week check, with the false-alarm rate counted over the same window as detection:
**the first 7 observations after the 14-point baseline**. The simulations (normal noise, SD 1,
seeds as in ``tests/test_stats.py``) and what they showed:

* What is possible at all. Whether a step that starts right after the baseline shows within
  7 points is best decided by comparing the mean of those 7 points with the baseline mean, a
  two-sample t-test with 19 degrees of freedom (Neyman-Pearson: no rule that may also flag
  earlier does better at the same false-alarm rate). At 5% false alarms that test flags a
  +1.5 SD step in 93% of series when it looks for rises only, and in 87% when it is two-sided
  (2.5% each way). **A symmetric two-sided detector cannot meet both bars.** Nor can the
  two-sided EWMA below, even with L tuned to exactly 5% false alarms over those 7 points: it
  flags 72% (lambda 0.1, L 2.47), 70% (0.2), 63% (0.4), 36% (1.0, a Shewhart chart; 20,000
  series each).
* The check therefore looks for a rise, at ``ALPHA_RISE`` = 4% on the first block: it answers
  the page's question "is it working?". ``ALPHA_FALL`` is 0: falls are not worded by this check;
  they stay visible in the EWMA band and in the reliable change index, which are both
  two-sided. Spending 1% on falls as well (4% + 1%) keeps detection but puts false alarms at
  5.0% in large samples and 6.2% on the 500 test series, so it misses the bar; 4% leaves a
  one-point margin for the sampling error of 500 series (SE ~1 point).
* Later blocks spend ``alpha / j²`` (j = 2, 3, ...), so however long someone keeps checking
  in, the chance of ever flagging a rise that is not there stays under
  ALPHA_RISE·pi²/6 = 6.6% (a Bonferroni bound).
* Measured on the 500 test series (seeds 0-499 flat, 10,000-10,499 with the step):
  false alarms in the first 7 points 4.2% (4.4% within 21); +1.5 SD step flagged within 7
  points 90.8%. With 20% of days missing: 4.0% (5.0%) and 86.2% (the baseline then holds ~11
  points, not 14). The symmetric two-sided check on the same series: 6.4% and 85.2%.
  On 20,000 other series per row (seeds from 300,000): false alarms 3.9% within 7 points,
  5.0% within 21 and 5.4% within 56; detection 91.5%. With 20% of days missing: 4.1%, 5.3%,
  5.7%; detection 89.1%. So with missing days the detection bar is *not* met; complete
  series meet both bars, each with about a one-point margin.

The predictive two-sample t-test. For block j (observations (j-1)·7+1 .. j·7 after the
baseline window, counted in observations, so missing days only make a block span more calendar
days), with baseline mean m, SD s and n points, block mean b and pooled SD s_p (baseline and
block sums of squares over n + 7 - 2 degrees of freedom; floored at ``SD_FLOOR``)::

    t = (b - m) / (s_p · sqrt(1/7 + 1/n))

which is Student's t with n + 5 degrees of freedom when nothing changed. Because the baseline
mean's own error is in the denominator, the false-alarm rate is exact for any baseline size
(5 points or 50) under normal noise; answers on a 1-7 scale are only roughly normal. A rise is
flagged when t exceeds the upper ``ALPHA_RISE / j²`` quantile.

The EWMA band (``LAMBDA`` = 0.1 and ``L_WIDTH`` = 2.8), measured on simulated series in
``tests/test_stats.py`` (a 14-day baseline then 21 days of monitoring, 500 series):

* It puts false alarms first: the limits below widen for the uncertainty of a short baseline,
  which keeps false alarms under 5% whether the baseline holds 14 points or only 5. With the
  mean and SD estimated from 14 points the textbook limits at lambda 0.1, L 2.8 raise a false
  alarm in about a quarter of flat series: the estimated mean alone has a standard error of
  0.27 SD. Among lambda 0.1-0.4 and L 2.4-3.0 (3,000 series per setting, other seeds than the
  tests'), lambda 0.1-0.15 gave the most detection at a given false alarm rate.
* Measured (500 series): false alarms 3.8% (3.6% with 20% of days missing); a +1.5 SD step
  flagged within 7 points in 53% (45% with missing days), within 14 points in 73% (63%); a
  +2.5 SD step within 7 points in 97% (92%). False alarms are per three weeks of monitoring;
  over 60 days they were about 6%. The band is drawn, and its crossing described, but the
  words "higher than your baseline" come from the week-by-week check.

Control limits. For the i-th monitored observation (i = 1, 2, ...), with baseline mean m,
baseline SD s from n points::

    m ± L_n · s · sqrt( lam/(2-lam) · (1 - (1-lam)^(2i))  +  (1 - (1-lam)^i)² / n )

The first term is the textbook time-varying EWMA variance. The second is the variance that the
estimated baseline mean adds (the chart starts at m, so m's own error carries into every
point), and ``L_n`` is the Student-t quantile with n - 1 degrees of freedom at the same tail
probability as ``L`` under the normal curve (for an SD estimated from n points). With
lam = 1 these are exactly the Student-t prediction limits for the next observation; as n grows
they become the textbook limits ``m ± L·s·sqrt(lam/(2-lam)·(1-(1-lam)^(2i)))``, which
``correct_for_baseline=False`` gives directly. The SD is floored at ``SD_FLOOR`` so that a
baseline of identical answers does not give limits of zero width.

Missing days. Smoothing is applied per observation, not per calendar day: a gap neither decays
the average nor widens the limits, and ``i`` counts observations. This keeps the limits
calibrated (they describe the spread of the average of the observations actually made) and
assumes that skipping a day says nothing about how that day went.

Phases. The baseline window is Phase I (it estimates m and s); monitoring (Phase II) starts at
the first observation after it, with the EWMA restarted at m and ``i`` restarted at 1. Points in
the baseline window are smoothed the same way for display, but never signal.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache
from statistics import NormalDist, fmean, stdev

__all__ = [
    "ALPHA_FALL",
    "ALPHA_RISE",
    "BASELINE_DAYS",
    "CURRENT_DAYS",
    "CURRENT_MIN_POINTS",
    "LAMBDA",
    "L_WIDTH",
    "MIN_ASSOCIATION_DAYS",
    "MIN_POINTS",
    "RCI",
    "RCI_THRESHOLD",
    "SD_FLOOR",
    "SHIFT_BLOCK",
    "Association",
    "Baseline",
    "ChangeResult",
    "CurrentWindow",
    "Direction",
    "Phase",
    "SdSource",
    "ShiftCheck",
    "ShiftResult",
    "Status",
    "Summary",
    "TrendPoint",
    "baseline",
    "change_vs_baseline",
    "control_halfwidth",
    "current_window",
    "detect_change",
    "detect_shift",
    "ewma",
    "normalize",
    "practice_association",
    "reliable_change",
    "shift_alphas",
    "shift_checks",
    "summarize",
    "t_quantile",
    "weekly_adherence",
]

Observation = tuple[date, float]

MIN_POINTS = 5
"""Fewer observations than this: "not enough data yet" (also the minimum for a baseline)."""

BASELINE_DAYS = 14
"""Length of the baseline window in calendar days, from the first observation."""

LAMBDA = 0.1
"""EWMA smoothing weight of the newest observation (see the module docstring for why)."""

L_WIDTH = 2.8
"""Control limit width in standard errors of the EWMA (see the module docstring for why)."""

SD_FLOOR = 1 / math.sqrt(12)
"""Smallest SD used for limits and the RCI: the rounding error of answers given in whole scale
steps (Sheppard's correction, 1/sqrt(12) of a step). Keeps a baseline of identical answers from
producing limits of zero width."""

CURRENT_DAYS = 7
"""The "current" level is the mean of the most recent 7 calendar days of observations."""

CURRENT_MIN_POINTS = 3
"""... and needs at least this many observations in those days."""

RCI_THRESHOLD = 1.96
"""|RCI| above this is a reliable change (two-sided 5%)."""

MIN_ASSOCIATION_DAYS = 5
"""Practice associations are reported only with at least this many days on each side."""

SHIFT_BLOCK = 7
"""The week-by-week shift check compares each block of this many observations with the baseline."""

ALPHA_RISE = 0.04
"""One-sided error rate for flagging a rise at the first block check (alpha / j² at the j-th)."""

ALPHA_FALL = 0.0
"""One-sided error rate for flagging a fall (0: falls are left to the EWMA band and the RCI;
see the module docstring for why)."""


class Status(StrEnum):
    """Where a person's series stands."""

    NOT_ENOUGH_DATA = "not_enough_data"  # fewer than MIN_POINTS observations in all
    NO_BASELINE = "no_baseline"  # enough points, but fewer than MIN_POINTS in the baseline window
    BASELINE = "baseline"  # baseline set; nothing observed after its window yet
    TRACKING = "tracking"  # observations after the baseline are being compared with it


class Direction(StrEnum):
    ABOVE = "above"
    BELOW = "below"


class Phase(StrEnum):
    BASELINE = "baseline"
    MONITORING = "monitoring"


class SdSource(StrEnum):
    """Where the SD used for the reliable change index came from."""

    GIVEN = "given"  # the instrument's population SD
    BASELINE = "baseline"  # the person's own baseline SD (no population SD was given)


@dataclass(frozen=True, slots=True)
class Baseline:
    """The reference level: observations in the window ``start``..``end`` (both inclusive)."""

    mean: float
    sd: float  # sample SD (n - 1 in the denominator)
    n: int
    start: date  # the first observation's day
    end: date  # the window's last day: start + days - 1 (not necessarily an observation day)


@dataclass(frozen=True, slots=True)
class TrendPoint:
    date: date
    value: float
    ewma: float
    lower: float
    upper: float
    signal: Direction | None  # only ever set in the monitoring phase
    phase: Phase


@dataclass(frozen=True, slots=True)
class ChangeResult:
    """The first monitored observation whose EWMA leaves the control limits."""

    baseline: Baseline | None
    detected: bool
    date: date | None
    direction: Direction | None
    ewma: float | None  # the EWMA at the signal
    points_monitored: int  # observations after the baseline window
    points_to_signal: int | None  # 1 = the first observation after the baseline


@dataclass(frozen=True, slots=True)
class CurrentWindow:
    mean: float
    n: int
    start: date  # first day of the window (inclusive)
    end: date  # the last observation's day


@dataclass(frozen=True, slots=True)
class RCI:
    """A reliable change index (Jacobson & Truax 1991, S_diff variant)."""

    baseline_mean: float
    current_mean: float
    difference: float  # current - baseline
    sd: float
    reliability: float
    se: float  # standard error of measurement: sd·sqrt(1 - r)
    s_diff: float  # standard error of the difference: sqrt(2·se²)
    rci: float
    reliable: bool  # |rci| > RCI_THRESHOLD
    direction: Direction | None  # set only when the change is reliable


@dataclass(frozen=True, slots=True)
class Summary:
    """Numbers and enums for one person's Progress panel; wording is left to the views."""

    status: Status
    n_points: int
    first_date: date | None
    last_date: date | None
    baseline: Baseline | None
    trend: list[TrendPoint]
    change: ChangeResult | None  # the EWMA band
    shift: ShiftResult | None  # the week-by-week check
    current: CurrentWindow | None
    rci: RCI | None
    sd_source: SdSource | None
    lam: float
    L: float  # the limit width, the conventional symbol

    @property
    def reliable(self) -> bool:
        """True only when the recent week differs reliably from the baseline."""
        return self.rci is not None and self.rci.reliable


@dataclass(frozen=True, slots=True)
class Association:
    """Within one person: next-day closeness after days a practice was done vs not done.

    Association only, not cause: better days may lead to practising as much as the reverse,
    and anything else that changed at the same time is mixed in.
    """

    practice: str
    n_done: int
    n_not_done: int
    mean_done: float | None  # None unless enough_data
    mean_not_done: float | None
    difference: float | None  # mean_done - mean_not_done
    enough_data: bool


@dataclass(frozen=True, slots=True)
class ShiftCheck:
    """One block of observations after the baseline, tested against the baseline."""

    block: int  # 1 = the first SHIFT_BLOCK observations after the baseline window
    start: date  # the block's first observation
    end: date  # the block's last observation
    n: int
    mean: float
    difference: float  # block mean - baseline mean
    sd: float  # pooled from the baseline and the block
    t: float
    df: int
    alpha_rise: float  # one-sided error rates spent on this check
    alpha_fall: float
    signal: Direction | None


@dataclass(frozen=True, slots=True)
class ShiftResult:
    """The first block check that flags a change, and every check made."""

    baseline: Baseline | None
    detected: bool
    date: date | None  # the last observation of the flagging block
    direction: Direction | None
    points_monitored: int
    points_to_signal: int | None  # observations after the baseline up to the flag
    checks: list[ShiftCheck]


# ---------------------------------------------------------------------------------------------
# Series preparation


def normalize(series: Iterable[tuple[date, float]]) -> list[Observation]:
    """Sort by date, average several values on the same day, reject non-finite values."""
    by_day: dict[date, list[float]] = defaultdict(list)
    for day, value in series:
        number = float(value)
        if not math.isfinite(number):
            raise ValueError(f"observation on {day.isoformat()} is not a finite number: {value!r}")
        by_day[day].append(number)
    return [(day, fmean(values)) for day, values in sorted(by_day.items())]


# ---------------------------------------------------------------------------------------------
# Baseline and EWMA


def baseline(
    series: Iterable[tuple[date, float]],
    *,
    days: int = BASELINE_DAYS,
    min_points: int = MIN_POINTS,
    start: date | None = None,
) -> Baseline | None:
    """The first ``days`` calendar days from the first observation (or from ``start``).

    Returns None when the window holds fewer than ``min_points`` observations.
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    if min_points < 2:
        raise ValueError("min_points must be at least 2 (a sample SD needs two points)")
    points = normalize(series)
    if start is not None:
        points = [(day, value) for day, value in points if day >= start]
    if not points:
        return None
    first = points[0][0] if start is None else start
    end = first + timedelta(days=days - 1)
    values = [value for day, value in points if day <= end]
    if len(values) < min_points:
        return None
    return Baseline(mean=fmean(values), sd=stdev(values), n=len(values), start=first, end=end)


_compute_baseline = baseline  # for functions whose ``baseline`` argument hides the name


def _t_two_sided_coverage(t: float, df: int) -> float:
    """P(|T| <= t) for Student's t with integer ``df`` (Abramowitz & Stegun 26.7.3-4)."""
    theta = math.atan(t / math.sqrt(df))
    cos2 = math.cos(theta) ** 2
    if df % 2 == 1:
        total = 0.0
        if df > 1:
            term = math.cos(theta)
            total = term
            for k in range(3, df - 1, 2):
                term *= cos2 * (k - 1) / k
                total += term
        return 2 / math.pi * (theta + math.sin(theta) * total)
    term = 1.0
    total = 1.0
    for k in range(2, df - 1, 2):
        term *= cos2 * (k - 1) / k
        total += term
    return math.sin(theta) * total


@lru_cache(maxsize=256)
def _t_width(L: float, df: int) -> float:
    """The Student-t quantile with ``df`` degrees of freedom at the normal tail of ``L``."""
    coverage = 2 * NormalDist().cdf(L) - 1
    low, high = L, L
    while _t_two_sided_coverage(high, df) < coverage:
        high *= 2
    for _ in range(100):
        middle = (low + high) / 2
        if _t_two_sided_coverage(middle, df) < coverage:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def control_halfwidth(
    i: int,
    *,
    lam: float,
    L: float,
    sd: float,
    n: int | None,
) -> float:
    """Half-width of the EWMA control limits at the i-th monitored observation.

    ``n`` is the number of baseline points; None gives the textbook limits
    ``L·sd·sqrt(lam/(2-lam)·(1-(1-lam)^(2i)))`` (mean and SD taken as known).
    """
    variance = lam / (2 - lam) * (1 - (1 - lam) ** (2 * i))
    width = L
    if n is not None:
        variance += (1 - (1 - lam) ** i) ** 2 / n
        width = _t_width(L, n - 1)
    return width * sd * math.sqrt(variance)


def _check_parameters(lam: float, L: float) -> None:
    if not 0 < lam <= 1:
        raise ValueError(f"lam must be in (0, 1], got {lam}")
    if L <= 0:
        raise ValueError(f"L must be positive, got {L}")


def ewma(
    series: Iterable[tuple[date, float]],
    *,
    lam: float = LAMBDA,
    baseline: Baseline,
    L: float = L_WIDTH,
    sd_floor: float = SD_FLOOR,
    correct_for_baseline: bool = True,
) -> list[TrendPoint]:
    """EWMA with time-varying control limits, one point per observation in date order.

    z_0 = baseline mean, z_i = lam·x_i + (1 - lam)·z_{i-1}, applied per observation (gaps are
    skipped, not decayed). Points inside the baseline window are smoothed for display and never
    signal; monitoring restarts at the baseline mean with i = 1. Observations before
    ``baseline.start`` are left out. See the module docstring for the limits and the choice of
    ``lam`` and ``L``.
    """
    _check_parameters(lam, L)
    sd = max(baseline.sd, sd_floor)
    n = baseline.n if correct_for_baseline else None
    points: list[TrendPoint] = []
    phase: Phase | None = None
    z = baseline.mean
    i = 0
    for day, value in normalize(series):
        if day < baseline.start:
            continue
        current = Phase.BASELINE if day <= baseline.end else Phase.MONITORING
        if current is not phase:
            phase, z, i = current, baseline.mean, 0
        i += 1
        z = lam * value + (1 - lam) * z
        half = control_halfwidth(i, lam=lam, L=L, sd=sd, n=n)
        lower, upper = baseline.mean - half, baseline.mean + half
        signal: Direction | None = None
        if phase is Phase.MONITORING:
            if z > upper:
                signal = Direction.ABOVE
            elif z < lower:
                signal = Direction.BELOW
        points.append(TrendPoint(day, value, z, lower, upper, signal, current))
    return points


def detect_change(
    series: Iterable[tuple[date, float]],
    *,
    baseline: Baseline | None = None,
    lam: float = LAMBDA,
    L: float = L_WIDTH,
    days: int = BASELINE_DAYS,
    min_points: int = MIN_POINTS,
    sd_floor: float = SD_FLOOR,
    correct_for_baseline: bool = True,
) -> ChangeResult:
    """The first date after the baseline where the EWMA leaves the limits, and its direction.

    The baseline is computed from the series unless given. Without one, nothing is detected.
    """
    points = normalize(series)
    if baseline is None:
        baseline = _compute_baseline(points, days=days, min_points=min_points)
    if baseline is None:
        return ChangeResult(None, False, None, None, None, 0, None)
    trend = ewma(
        points,
        lam=lam,
        baseline=baseline,
        L=L,
        sd_floor=sd_floor,
        correct_for_baseline=correct_for_baseline,
    )
    monitored = [point for point in trend if point.phase is Phase.MONITORING]
    for index, point in enumerate(monitored, start=1):
        if point.signal is not None:
            return ChangeResult(
                baseline, True, point.date, point.signal, point.ewma, len(monitored), index
            )
    return ChangeResult(baseline, False, None, None, None, len(monitored), None)


# ---------------------------------------------------------------------------------------------
# Week-by-week shift check (the detector the Progress page words as a signal)


def _t_upper_tail(t: float, df: int) -> float:
    """P(T > t) for Student's t with integer ``df``."""
    if t < 0:
        return 1 - _t_upper_tail(-t, df)
    return (1 - _t_two_sided_coverage(t, df)) / 2


@lru_cache(maxsize=1024)
def t_quantile(p: float, df: int) -> float:
    """The value t with P(T <= t) = p, Student's t with integer ``df`` >= 1 (bisection)."""
    if not 0 < p < 1:
        raise ValueError(f"p must be in (0, 1), got {p}")
    if df < 1:
        raise ValueError(f"df must be at least 1, got {df}")
    if p < 0.5:
        return -t_quantile(1 - p, df)
    tail = 1 - p
    low, high = 0.0, 1.0
    while _t_upper_tail(high, df) > tail:
        high *= 2
    for _ in range(100):
        middle = (low + high) / 2
        if _t_upper_tail(middle, df) > tail:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def shift_alphas(
    block: int, *, alpha_rise: float = ALPHA_RISE, alpha_fall: float = ALPHA_FALL
) -> tuple[float, float]:
    """The one-sided error rates spent on the ``block``-th check: alpha / block²."""
    return alpha_rise / block**2, alpha_fall / block**2


def shift_checks(
    series: Iterable[tuple[date, float]],
    baseline: Baseline,
    *,
    block: int = SHIFT_BLOCK,
    alpha_rise: float = ALPHA_RISE,
    alpha_fall: float = ALPHA_FALL,
    sd_floor: float = SD_FLOOR,
) -> list[ShiftCheck]:
    """One predictive two-sample t-test per completed block of observations after the baseline.

    Block j holds monitored observations (j-1)·block+1 .. j·block, counted in observations,
    not days. Its mean is compared with the baseline mean; the SD is pooled from the baseline
    and the block (floored at ``sd_floor``), so the test carries the baseline's own estimation
    error: t = (block mean - baseline mean) / (s·sqrt(1/block + 1/n)) with n + block - 2
    degrees of freedom. A rise is flagged when t exceeds the upper quantile at
    ``alpha_rise / j²``, a fall when t is below the lower quantile at ``alpha_fall / j²``.
    See the module docstring for the error rates this gives.
    """
    if block < 2:
        raise ValueError("block must be at least 2")
    monitored = [(day, value) for day, value in normalize(series) if day > baseline.end]
    n = baseline.n
    ss_base = baseline.sd**2 * (n - 1)
    checks: list[ShiftCheck] = []
    for index in range(len(monitored) // block):
        chunk = monitored[index * block : (index + 1) * block]
        values = [value for _day, value in chunk]
        mean = fmean(values)
        ss_block = sum((value - mean) ** 2 for value in values)
        df = n + block - 2
        sd = max(math.sqrt((ss_base + ss_block) / df), sd_floor)
        difference = mean - baseline.mean
        t = difference / (sd * math.sqrt(1 / block + 1 / n))
        number = index + 1
        rise, fall = shift_alphas(number, alpha_rise=alpha_rise, alpha_fall=alpha_fall)
        signal: Direction | None = None
        if rise > 0 and t > t_quantile(1 - rise, df):
            signal = Direction.ABOVE
        elif fall > 0 and t < -t_quantile(1 - fall, df):
            signal = Direction.BELOW
        checks.append(
            ShiftCheck(
                block=number,
                start=chunk[0][0],
                end=chunk[-1][0],
                n=block,
                mean=mean,
                difference=difference,
                sd=sd,
                t=t,
                df=df,
                alpha_rise=rise,
                alpha_fall=fall,
                signal=signal,
            )
        )
    return checks


def detect_shift(
    series: Iterable[tuple[date, float]],
    *,
    baseline: Baseline | None = None,
    block: int = SHIFT_BLOCK,
    alpha_rise: float = ALPHA_RISE,
    alpha_fall: float = ALPHA_FALL,
    days: int = BASELINE_DAYS,
    min_points: int = MIN_POINTS,
    sd_floor: float = SD_FLOOR,
) -> ShiftResult:
    """The first block check after the baseline that flags a rise or a fall (see shift_checks)."""
    points = normalize(series)
    if baseline is None:
        baseline = _compute_baseline(points, days=days, min_points=min_points)
    if baseline is None:
        return ShiftResult(None, False, None, None, 0, None, [])
    checks = shift_checks(
        points,
        baseline,
        block=block,
        alpha_rise=alpha_rise,
        alpha_fall=alpha_fall,
        sd_floor=sd_floor,
    )
    monitored = sum(1 for day, _value in points if day > baseline.end)
    for check in checks:
        if check.signal is not None:
            return ShiftResult(
                baseline, True, check.end, check.signal, monitored, check.block * block, checks
            )
    return ShiftResult(baseline, False, None, None, monitored, None, checks)


# ---------------------------------------------------------------------------------------------
# Reliable change


def reliable_change(
    baseline_mean: float,
    current_mean: float,
    *,
    sd: float,
    reliability: float,
) -> RCI:
    """Reliable change index, Jacobson & Truax (1991), S_diff variant.

    RCI = (current - baseline) / S_diff, with S_diff = sqrt(2·SE²) and SE = sd·sqrt(1 - r):
    the standard error of the difference between two scores (the correction by Christensen &
    Mendoza 1986 that Jacobson & Truax 1991 adopted). |RCI| > 1.96 is a reliable change.

    ``sd`` should be the instrument's population SD and ``reliability`` its reliability
    (test-retest or internal consistency); both must be on the scale of the means compared.
    """
    if not sd > 0:
        raise ValueError(f"sd must be positive, got {sd}")
    if not 0 <= reliability < 1:
        raise ValueError(f"reliability must be in [0, 1), got {reliability}")
    se = sd * math.sqrt(1 - reliability)
    s_diff = math.sqrt(2 * se**2)
    difference = current_mean - baseline_mean
    rci = difference / s_diff
    reliable = abs(rci) > RCI_THRESHOLD
    direction = None
    if reliable:
        direction = Direction.ABOVE if difference > 0 else Direction.BELOW
    return RCI(
        baseline_mean,
        current_mean,
        difference,
        sd,
        reliability,
        se,
        s_diff,
        rci,
        reliable,
        direction,
    )


def current_window(
    series: Iterable[tuple[date, float]],
    *,
    after: date | None = None,
    days: int = CURRENT_DAYS,
    min_points: int = CURRENT_MIN_POINTS,
) -> CurrentWindow | None:
    """Mean of the observations in the last ``days`` calendar days up to the last observation.

    Only observations later than ``after`` count (pass the baseline's end so that the two do not
    overlap). None with fewer than ``min_points`` observations.
    """
    points = normalize(series)
    if after is not None:
        points = [(day, value) for day, value in points if day > after]
    if not points:
        return None
    end = points[-1][0]
    start = end - timedelta(days=days - 1)
    values = [value for day, value in points if day >= start]
    if len(values) < min_points:
        return None
    return CurrentWindow(mean=fmean(values), n=len(values), start=start, end=end)


def change_vs_baseline(
    series: Iterable[tuple[date, float]],
    baseline: Baseline,
    *,
    sd: float,
    reliability: float,
    days: int = CURRENT_DAYS,
    min_points: int = CURRENT_MIN_POINTS,
) -> tuple[CurrentWindow, RCI] | None:
    """The recent week (after the baseline window) against the baseline, as an RCI.

    The RCI formula is for two single scores; applying it to a baseline mean and a recent-week
    mean treats each mean as one score, which is conservative when the reliability describes
    a single answer. None when the recent week has fewer than ``min_points`` observations.
    """
    current = current_window(series, after=baseline.end, days=days, min_points=min_points)
    if current is None:
        return None
    return current, reliable_change(baseline.mean, current.mean, sd=sd, reliability=reliability)


# ---------------------------------------------------------------------------------------------
# The whole panel


def summarize(
    series: Iterable[tuple[date, float]],
    *,
    reliability: float,
    sd: float | None = None,
    baseline_start: date | None = None,
    lam: float = LAMBDA,
    L: float = L_WIDTH,
    sd_floor: float = SD_FLOOR,
) -> Summary:
    """Everything the Progress panel needs for one person's series.

    ``reliability`` and ``sd`` are the instrument's (``sd`` None: the person's own baseline SD
    is used for the RCI, which is smaller than a population SD and so more ready to call a
    change reliable; ``sd_source`` says which was used). ``baseline_start`` lets a person start
    a new baseline later (observations before it are then left out).
    """
    points = normalize(series)
    if baseline_start is not None:
        points = [(day, value) for day, value in points if day >= baseline_start]
    n_points = len(points)
    sd_source = SdSource.GIVEN if sd is not None else SdSource.BASELINE
    first = points[0][0] if points else None
    last = points[-1][0] if points else None

    def result(
        status: Status,
        base: Baseline | None = None,
        trend: list[TrendPoint] | None = None,
        change: ChangeResult | None = None,
        shift: ShiftResult | None = None,
        current: CurrentWindow | None = None,
        rci: RCI | None = None,
    ) -> Summary:
        return Summary(
            status=status,
            n_points=n_points,
            first_date=first,
            last_date=last,
            baseline=base,
            trend=trend or [],
            change=change,
            shift=shift,
            current=current,
            rci=rci,
            sd_source=None if rci is None else sd_source,
            lam=lam,
            L=L,
        )

    if n_points < MIN_POINTS:
        return result(Status.NOT_ENOUGH_DATA)
    base = baseline(points, start=baseline_start)
    if base is None:
        return result(Status.NO_BASELINE)
    trend = ewma(points, lam=lam, baseline=base, L=L, sd_floor=sd_floor)
    if not any(point.phase is Phase.MONITORING for point in trend):
        return result(Status.BASELINE, base, trend)
    change = detect_change(points, baseline=base, lam=lam, L=L, sd_floor=sd_floor)
    shift = detect_shift(points, baseline=base, sd_floor=sd_floor)
    rci_sd = sd if sd is not None else max(base.sd, sd_floor)
    compared = change_vs_baseline(points, base, sd=rci_sd, reliability=reliability)
    current, rci = compared if compared is not None else (None, None)
    return result(Status.TRACKING, base, trend, change, shift, current, rci)


# ---------------------------------------------------------------------------------------------
# Practices


def practice_association(
    days: Mapping[date, set[str]] | Mapping[date, frozenset[str]],
    closeness: Mapping[date, float],
    *,
    min_days: int = MIN_ASSOCIATION_DAYS,
) -> list[Association]:
    """For each practice: mean next-day closeness after days it was done vs days it was not.

    Within one person. A day counts when the next day's closeness is known and the day lies on
    or after the first day in ``days``; a day missing from ``days`` is a day on which no
    practice was done. Means and the difference are reported only with at least ``min_days``
    days on each side (``enough_data``). This is an association, not a cause: people may
    practise more on days that are already going well, and other changes over the same weeks
    are mixed in.
    """
    if not days:
        return []
    first = min(days)
    practices = sorted({slug for done in days.values() for slug in done})
    considered = [
        (day, closeness[day + timedelta(days=1)])
        for day in sorted(day - timedelta(days=1) for day in closeness)
        if day >= first
    ]
    results: list[Association] = []
    for practice in practices:
        done = [value for day, value in considered if practice in days.get(day, ())]
        not_done = [value for day, value in considered if practice not in days.get(day, ())]
        enough = len(done) >= min_days and len(not_done) >= min_days
        mean_done = fmean(done) if enough else None
        mean_not = fmean(not_done) if enough else None
        difference = (
            mean_done - mean_not if mean_done is not None and mean_not is not None else None
        )
        results.append(
            Association(practice, len(done), len(not_done), mean_done, mean_not, difference, enough)
        )
    return results


def weekly_adherence(done_dates: Iterable[date], *, week_start: date, weeks: int) -> list[int]:
    """Counts per week for ``weeks`` weeks, each starting on ``week_start``'s weekday.

    Week k covers ``week_start + 7k`` up to and including ``week_start + 7k + 6``. Every date
    given is counted (pass a set to count distinct days); dates outside the weeks are ignored.
    """
    if weeks < 0:
        raise ValueError("weeks must not be negative")
    counts = [0] * weeks
    for day in done_dates:
        index = (day - week_start).days // 7
        if 0 <= index < weeks:
            counts[index] += 1
    return counts
