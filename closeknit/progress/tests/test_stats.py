"""Tests for closeknit.progress.stats, including its operating characteristics on simulation.

The simulated series have normal noise (SD 1) around a mean of 4 on an unbounded scale: a 14-day
baseline, then 21 days of monitoring. The first day is always observed (a series starts with
the first check-in); with missing days, each later day is skipped with probability 0.2.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import pytest

from closeknit.progress import stats
from closeknit.progress.stats import (
    ALPHA_RISE,
    BASELINE_DAYS,
    L_WIDTH,
    LAMBDA,
    MIN_POINTS,
    SD_FLOOR,
    Direction,
    Phase,
    SdSource,
    Status,
    baseline,
    change_vs_baseline,
    control_halfwidth,
    current_window,
    detect_change,
    detect_shift,
    ewma,
    normalize,
    practice_association,
    reliable_change,
    shift_alphas,
    shift_checks,
    summarize,
    t_quantile,
    weekly_adherence,
)

D0 = date(2025, 3, 3)  # a Monday
SEEDS = 500
MONITOR_DAYS = 21


def day(offset: int) -> date:
    return D0 + timedelta(days=offset)


def simulate(
    seed: int,
    *,
    shift: float = 0.0,
    missing: float = 0.0,
    baseline_days: int = BASELINE_DAYS,
    monitor_days: int = MONITOR_DAYS,
) -> list[tuple[date, float]]:
    """Mean 4, SD 1; ``shift`` SDs added from the first day after the baseline window."""
    rng = random.Random(seed)
    series = []
    for offset in range(baseline_days + monitor_days):
        value = rng.gauss(4.0, 1.0) + (shift if offset >= baseline_days else 0.0)
        if offset > 0 and rng.random() < missing:
            continue
        series.append((day(offset), value))
    return series


@dataclass(frozen=True)
class Rates:
    false_alarm: float
    step15_within7: float  # +1.5 SD step flagged "above" within 7 points after the step
    step15_within14: float
    step25_within7: float  # +2.5 SD step


def _detected_within(series: list[tuple[date, float]], points: int) -> bool:
    result = detect_change(series)
    return (
        result.detected
        and result.direction is Direction.ABOVE
        and result.points_to_signal is not None
        and result.points_to_signal <= points
    )


@cache
def measured(missing: float) -> Rates:
    false_alarms = hits7 = hits14 = big7 = 0
    for seed in range(SEEDS):
        false_alarms += detect_change(simulate(seed, missing=missing)).detected
        step = simulate(10_000 + seed, shift=1.5, missing=missing)
        hits7 += _detected_within(step, 7)
        hits14 += _detected_within(step, 14)
        big7 += _detected_within(simulate(20_000 + seed, shift=2.5, missing=missing), 7)
    rates = Rates(false_alarms / SEEDS, hits7 / SEEDS, hits14 / SEEDS, big7 / SEEDS)
    print(
        f"\n[EWMA lam={LAMBDA} L={L_WIDTH}, {int(missing * 100)}% days missing, {SEEDS} series] "
        f"false alarm {rates.false_alarm:.1%}; +1.5 SD within 7 points {rates.step15_within7:.1%}, "
        f"within 14 points {rates.step15_within14:.1%}; +2.5 SD within 7 points "
        f"{rates.step25_within7:.1%}"
    )
    return rates


# ---------------------------------------------------------------------------------------------
# Operating characteristics (see the module docstring of stats for the choice of lam and L)


@pytest.mark.parametrize("missing", [0.0, 0.2])
def test_false_alarms_in_flat_series_stay_at_or_below_five_percent(missing: float) -> None:
    rates = measured(missing)
    assert rates.false_alarm <= 0.05, f"false alarm rate {rates.false_alarm:.1%} ({missing=})"


@pytest.mark.parametrize(
    ("missing", "within7", "within14"),
    [
        # The wished-for bar was >= 90% within 7 points; no EWMA reaches it at <= 5% false alarms
        # with a 14-day baseline (see stats). These floors are what the chosen chart achieves.
        (0.0, 0.45, 0.65),
        (0.2, 0.35, 0.55),
    ],
)
def test_step_of_one_and_a_half_sd_is_flagged_as_often_as_measured(
    missing: float, within7: float, within14: float
) -> None:
    rates = measured(missing)
    assert rates.step15_within7 >= within7, (
        f"+1.5 SD detected within 7 points in {rates.step15_within7:.1%} ({missing=})"
    )
    assert rates.step15_within7 < 0.90, (
        f"detection {rates.step15_within7:.1%} now reaches the 90% bar: update stats' docstring"
    )
    assert rates.step15_within14 >= within14, (
        f"+1.5 SD detected within 14 points in {rates.step15_within14:.1%} ({missing=})"
    )


@pytest.mark.parametrize(("missing", "floor"), [(0.0, 0.90), (0.2, 0.85)])
def test_large_step_is_flagged_within_seven_points(missing: float, floor: float) -> None:
    rates = measured(missing)
    assert rates.step25_within7 >= floor, (
        f"+2.5 SD detected within 7 points in {rates.step25_within7:.1%} ({missing=})"
    )


def test_textbook_limits_with_a_short_baseline_cry_wolf() -> None:
    """Why the limits widen for the baseline: the textbook ones over-signal on flat series."""
    textbook = sum(
        detect_change(simulate(seed), correct_for_baseline=False).detected for seed in range(200)
    )
    rate = textbook / 200
    print(f"\n[textbook limits, lam={LAMBDA} L={L_WIDTH}] false alarm {rate:.1%}")
    assert rate > 0.10, f"textbook false alarm rate {rate:.1%}"
    assert rate > measured(0.0).false_alarm


def test_even_known_parameters_do_not_reach_both_bars() -> None:
    """The 90%-within-7-points bar is out of reach at 5% false alarms, even without estimation.

    With the true mean and SD known (a textbook chart, lambda 0.2, L 3.0), false alarms stay
    near 4% but detection stays below 90%; the short baseline only makes this harder.
    """
    known = stats.Baseline(mean=4.0, sd=1.0, n=10**9, start=day(0), end=day(13))
    alarms = hits = 0
    for seed in range(300):
        flat = detect_change(
            simulate(40_000 + seed), baseline=known, lam=0.2, L=3.0, correct_for_baseline=False
        )
        alarms += flat.detected
        step = detect_change(
            simulate(50_000 + seed, shift=1.5),
            baseline=known,
            lam=0.2,
            L=3.0,
            correct_for_baseline=False,
        )
        hits += step.direction is Direction.ABOVE and (step.points_to_signal or 99) <= 7
    print(
        f"\n[known mean and SD, lam=0.2 L=3.0] false alarm {alarms / 300:.1%}, "
        f"+1.5 SD within 7 points {hits / 300:.1%}"
    )
    assert alarms / 300 <= 0.07, f"false alarm {alarms / 300:.1%}"
    assert 0.75 <= hits / 300 < 0.90, f"detection {hits / 300:.1%}"


def test_short_baselines_do_not_inflate_false_alarms() -> None:
    """With only five baseline points the widened limits still keep false alarms low."""
    alarms = 0
    for seed in range(200):
        series = simulate(30_000 + seed, baseline_days=5)
        base = baseline(series, days=5)
        assert base is not None
        alarms += detect_change(series, baseline=base).detected
    rate = alarms / 200
    print(f"\n[5-point baseline] false alarm {rate:.1%}")
    assert rate <= 0.06, f"false alarm rate with 5 baseline points {rate:.1%}"


# ---------------------------------------------------------------------------------------------
# The week-by-week shift check: the bars, false alarms counted over the same window
# as detection (the first 7 observations after the 14-point baseline).


@dataclass(frozen=True)
class ShiftRates:
    false_alarm7: float  # flat series: any flag within the first 7 points after the baseline
    false_alarm21: float
    step15_within7: float  # +1.5 SD step flagged "above" within 7 points


def _shift_within(series: list[tuple[date, float]], points: int, **options: float) -> bool:
    result = detect_shift(series, **options)  # type: ignore[arg-type]
    return (
        result.detected
        and result.points_to_signal is not None
        and result.points_to_signal <= points
    )


@cache
def measured_shift(missing: float, alpha_rise: float = ALPHA_RISE, alpha_fall: float = 0.0):
    flat7 = flat21 = hits = 0
    options = {"alpha_rise": alpha_rise, "alpha_fall": alpha_fall}
    for seed in range(SEEDS):
        flat = simulate(seed, missing=missing)
        flat7 += _shift_within(flat, 7, **options)
        flat21 += _shift_within(flat, 21, **options)
        step = detect_shift(simulate(10_000 + seed, shift=1.5, missing=missing), **options)  # type: ignore[arg-type]
        hits += (
            step.direction is Direction.ABOVE
            and step.points_to_signal is not None
            and step.points_to_signal <= 7
        )
    rates = ShiftRates(flat7 / SEEDS, flat21 / SEEDS, hits / SEEDS)
    print(
        f"\n[shift check rise={alpha_rise} fall={alpha_fall}, {int(missing * 100)}% days missing, "
        f"{SEEDS} series] false alarm within 7 points {rates.false_alarm7:.1%}, within 21 "
        f"{rates.false_alarm21:.1%}; +1.5 SD within 7 points {rates.step15_within7:.1%}"
    )
    return rates


def test_shift_check_meets_both_bars_on_complete_series() -> None:
    """The issue's bars: >= 90% of +1.5 SD steps within 7 points, <= 5% false alarms."""
    rates = measured_shift(0.0)
    assert rates.step15_within7 >= 0.90, f"detection {rates.step15_within7:.1%}"
    assert rates.false_alarm7 <= 0.05, f"false alarms {rates.false_alarm7:.1%}"


def test_shift_check_with_missing_days_keeps_false_alarms_low_but_detects_less() -> None:
    """With 20% of days missing the baseline is thinner: false alarms hold, detection drops."""
    rates = measured_shift(0.2)
    assert rates.false_alarm7 <= 0.05, f"false alarms {rates.false_alarm7:.1%}"
    assert rates.false_alarm21 <= 0.07, f"false alarms over 21 points {rates.false_alarm21:.1%}"
    assert 0.80 <= rates.step15_within7 < 0.90, (
        f"detection {rates.step15_within7:.1%}: if it now reaches 90%, update stats' docstring"
    )


def test_a_symmetric_two_sided_check_cannot_reach_the_detection_bar() -> None:
    """Why the check looks for rises: 2.5% each way flags too few steps (see stats)."""
    rates = measured_shift(0.0, alpha_rise=0.025, alpha_fall=0.025)
    assert rates.step15_within7 < 0.90, f"detection {rates.step15_within7:.1%}"


def test_later_blocks_spend_less_so_long_runs_stay_bounded() -> None:
    assert shift_alphas(1) == (ALPHA_RISE, 0.0)
    assert shift_alphas(2) == pytest.approx((ALPHA_RISE / 4, 0.0))
    assert shift_alphas(3, alpha_rise=0.09, alpha_fall=0.018) == pytest.approx((0.01, 0.002))
    bound = sum(shift_alphas(j)[0] for j in range(1, 10_000))
    assert bound < ALPHA_RISE * math.pi**2 / 6 < 0.067


@pytest.mark.parametrize(
    ("p", "df", "expected"),
    [(0.975, 9, 2.262157), (0.96, 19, 1.849530), (0.99, 19, 2.539483), (0.95, 1, 6.313752)],
)
def test_t_quantiles_match_published_values(p: float, df: int, expected: float) -> None:
    assert t_quantile(p, df) == pytest.approx(expected, abs=1e-5)
    assert t_quantile(1 - p, df) == pytest.approx(-expected, abs=1e-5)


def test_shift_check_hand_computed() -> None:
    base_values = [3.0, 4.0, 5.0, 4.0, 4.0]  # mean 4, sum of squares 2
    block = [5.0, 6.0, 5.0, 6.0, 5.0, 6.0, 5.0]  # mean 38/7
    series = [(day(i), v) for i, v in enumerate(base_values)]
    series += [(day(14 + 2 * i), v) for i, v in enumerate(block)]  # every other day
    base = baseline(series)
    assert base is not None and base.n == 5
    (check,) = shift_checks(series, base)
    mean = 38 / 7
    ss_block = sum((v - mean) ** 2 for v in block)
    sd = math.sqrt((2.0 + ss_block) / 10)
    t = (mean - 4.0) / (sd * math.sqrt(1 / 7 + 1 / 5))
    assert (check.block, check.n, check.df) == (1, 7, 10)
    assert (check.start, check.end) == (day(14), day(26))
    assert check.sd == pytest.approx(sd)
    assert check.t == pytest.approx(t)
    assert check.signal is Direction.ABOVE  # t = 4.00 > t(0.96, 10) = 1.95
    result = detect_shift(series, baseline=base)
    assert result.detected and result.points_to_signal == 7 and result.date == day(26)


def test_shift_check_waits_for_a_full_block_and_ignores_falls_by_default() -> None:
    series = [(day(i), 4.0 + (i % 3) - 1) for i in range(14)]
    six_low = [*series, *[(day(14 + i), 1.0) for i in range(6)]]
    assert detect_shift(six_low).checks == []
    seven_low = [*series, *[(day(14 + i), 1.0) for i in range(7)]]
    result = detect_shift(seven_low)
    assert len(result.checks) == 1 and not result.detected
    both = detect_shift(seven_low, alpha_fall=0.01)
    assert both.detected and both.direction is Direction.BELOW


def test_shift_check_needs_a_baseline() -> None:
    result = detect_shift([(day(0), 4.0), (day(20), 5.0)])
    assert not result.detected and result.baseline is None and result.checks == []


# ---------------------------------------------------------------------------------------------
# Series handling and baseline


def test_normalize_sorts_and_averages_same_day_values() -> None:
    series = [(day(2), 3.0), (day(0), 5.0), (day(2), 4.0)]
    assert normalize(series) == [(day(0), 5.0), (day(2), 3.5)]


@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_non_finite_values_are_rejected(bad: float) -> None:
    with pytest.raises(ValueError, match="finite"):
        normalize([(day(0), bad)])


def test_baseline_is_the_first_fourteen_calendar_days() -> None:
    series = [(day(i), float(i % 5 + 1)) for i in range(20)]
    base = baseline(series)
    assert base is not None
    window = [float(i % 5 + 1) for i in range(14)]
    assert base.n == 14
    assert base.start == day(0)
    assert base.end == day(13)
    assert base.mean == pytest.approx(sum(window) / 14)
    mean = sum(window) / 14
    assert base.sd == pytest.approx(math.sqrt(sum((x - mean) ** 2 for x in window) / 13))


def test_baseline_hand_computed_with_gaps() -> None:
    series = [(day(0), 1.0), (day(3), 2.0), (day(7), 3.0), (day(10), 4.0), (day(13), 5.0)]
    series.append((day(14), 100.0))  # outside the window
    base = baseline(series)
    assert base is not None
    assert (base.mean, base.n) == (3.0, 5)
    assert base.sd == pytest.approx(math.sqrt(2.5))


def test_baseline_needs_five_points_in_its_window() -> None:
    series = [(day(0), 4.0), (day(5), 4.0), (day(9), 5.0), (day(13), 3.0)]
    series += [(day(20 + i), 4.0) for i in range(10)]
    assert baseline(series) is None
    assert baseline(series, start=day(20)) is not None


def test_unsorted_input_gives_the_same_summary() -> None:
    series = simulate(7, shift=2.0)
    shuffled = list(series)
    random.Random(1).shuffle(shuffled)
    assert shuffled != series
    assert summarize(shuffled, reliability=0.8) == summarize(series, reliability=0.8)


# ---------------------------------------------------------------------------------------------
# EWMA and limits


def test_ewma_hand_computed() -> None:
    base = stats.Baseline(mean=4.0, sd=1.0, n=14, start=day(0), end=day(1))
    series = [(day(3), 6.0), (day(0), 4.0), (day(1), 2.0), (day(2), 6.0)]
    trend = ewma(series, lam=0.5, baseline=base, L=2.5, correct_for_baseline=False)
    assert [p.phase for p in trend] == [Phase.BASELINE] * 2 + [Phase.MONITORING] * 2
    # Baseline phase: 4 -> 4.0, then 0.5*2 + 0.5*4 = 3.0.
    assert [p.ewma for p in trend[:2]] == pytest.approx([4.0, 3.0])
    # Monitoring restarts at the baseline mean: 0.5*6 + 0.5*4 = 5.0, then 0.5*6 + 0.5*5 = 5.5.
    assert [p.ewma for p in trend[2:]] == pytest.approx([5.0, 5.5])
    first = 2.5 * math.sqrt(0.5 / 1.5 * (1 - 0.5**2))  # 1.25
    second = 2.5 * math.sqrt(0.5 / 1.5 * (1 - 0.5**4))  # 1.3975
    assert trend[2].upper == pytest.approx(4.0 + first)
    assert trend[2].lower == pytest.approx(4.0 - first)
    assert trend[3].upper == pytest.approx(4.0 + second)
    assert trend[2].signal is None  # 5.0 < 5.25
    assert trend[3].signal is Direction.ABOVE  # 5.5 > 5.3975
    assert all(p.signal is None for p in trend if p.phase is Phase.BASELINE)


def test_textbook_limits_are_the_stated_formula() -> None:
    for i in (1, 2, 5, 30):
        expected = 3.0 * 1.2 * math.sqrt(0.3 / 1.7 * (1 - 0.7 ** (2 * i)))
        got = control_halfwidth(i, lam=0.3, L=3.0, sd=1.2, n=None)
        assert got == pytest.approx(expected)


def test_corrected_limits_are_prediction_limits_for_lambda_one_and_approach_textbook() -> None:
    # lam = 1: the Student-t prediction interval for one new observation, t(0.975, 9) = 2.262.
    width = control_halfwidth(1, lam=1.0, L=1.959964, sd=1.0, n=10)
    assert width == pytest.approx(2.262157 * math.sqrt(1 + 1 / 10), rel=1e-5)
    textbook = control_halfwidth(20, lam=0.1, L=2.8, sd=1.0, n=None)
    assert control_halfwidth(20, lam=0.1, L=2.8, sd=1.0, n=14) > textbook
    assert control_halfwidth(20, lam=0.1, L=2.8, sd=1.0, n=100_000) == pytest.approx(
        textbook, rel=1e-3
    )


def test_gaps_are_smoothed_per_observation() -> None:
    before = [(day(i), float(3 + i % 3)) for i in range(14)]
    after = [float(2 + i % 5) for i in range(10)]
    dense = before + [(day(14 + i), value) for i, value in enumerate(after)]
    gappy = before + [(day(14 + 3 * i), value) for i, value in enumerate(after)]
    base = baseline(dense)
    assert base is not None and base == baseline(gappy)
    dense_trend = [p for p in ewma(dense, baseline=base) if p.phase is Phase.MONITORING]
    gappy_trend = [p for p in ewma(gappy, baseline=base) if p.phase is Phase.MONITORING]
    # The same observations in the same order: the same smoothing and limits, whatever the gaps.
    assert [p.ewma for p in gappy_trend] == pytest.approx([p.ewma for p in dense_trend])
    assert [p.upper for p in gappy_trend] == pytest.approx([p.upper for p in dense_trend])


def test_downward_step_signals_below() -> None:
    series = simulate(3, shift=-3.0)
    result = detect_change(series)
    assert result.detected
    assert result.direction is Direction.BELOW
    assert result.date is not None and result.date > day(13)
    assert result.points_monitored == MONITOR_DAYS


def test_constant_baseline_gets_limits_of_nonzero_width() -> None:
    series = [(day(i), 4.0) for i in range(14)] + [(day(14), 5.0)]
    base = baseline(series)
    assert base is not None and base.sd == 0.0
    trend = summarize(series, reliability=0.8).trend
    expected = control_halfwidth(1, lam=LAMBDA, L=L_WIDTH, sd=SD_FLOOR, n=14)
    assert expected > 0
    assert trend[-1].upper == pytest.approx(4.0 + expected)
    assert trend[-1].lower == pytest.approx(4.0 - expected)


def test_no_baseline_means_no_detection() -> None:
    result = detect_change([(day(0), 4.0), (day(1), 5.0)])
    assert not result.detected
    assert result.baseline is None


def test_bad_parameters_are_rejected() -> None:
    base = stats.Baseline(mean=4.0, sd=1.0, n=14, start=day(0), end=day(13))
    with pytest.raises(ValueError, match="lam"):
        ewma([(day(0), 1.0)], lam=0.0, baseline=base)
    with pytest.raises(ValueError, match="min_points"):
        baseline([(day(0), 1.0)], min_points=1)


# ---------------------------------------------------------------------------------------------
# Reliable change


def test_rci_hand_computed_reliable_increase() -> None:
    result = reliable_change(4.0, 5.5, sd=1.0, reliability=0.8)
    # SE = 1 * sqrt(0.2) = 0.44721; S_diff = sqrt(2 * 0.2) = 0.63246; RCI = 1.5 / 0.63246.
    assert result.se == pytest.approx(0.447214, abs=1e-6)
    assert result.s_diff == pytest.approx(0.632456, abs=1e-6)
    assert result.rci == pytest.approx(2.371708, abs=1e-6)
    assert result.difference == pytest.approx(1.5)
    assert result.reliable
    assert result.direction is Direction.ABOVE


def test_rci_hand_computed_not_reliable() -> None:
    result = reliable_change(4.0, 4.5, sd=1.1, reliability=0.85)
    # SE = 1.1 * sqrt(0.15) = 0.426028; S_diff = 0.602495; RCI = 0.5 / 0.602495 = 0.829882.
    assert result.s_diff == pytest.approx(0.602495, abs=1e-6)
    assert result.rci == pytest.approx(0.829882, abs=1e-6)
    assert not result.reliable
    assert result.direction is None


def test_rci_reliable_decrease_and_threshold() -> None:
    down = reliable_change(5.0, 3.5, sd=1.0, reliability=0.8)
    assert down.rci == pytest.approx(-2.371708, abs=1e-6)
    assert down.reliable and down.direction is Direction.BELOW
    # sd 1, r 0.5: S_diff = 1, so the RCI is the difference itself; 1.96 is not beyond 1.96.
    assert not reliable_change(0.0, 1.95, sd=1.0, reliability=0.5).reliable
    assert reliable_change(0.0, 1.97, sd=1.0, reliability=0.5).reliable


@pytest.mark.parametrize(("sd", "reliability"), [(0.0, 0.8), (1.0, 1.0), (1.0, -0.1)])
def test_rci_rejects_impossible_inputs(sd: float, reliability: float) -> None:
    with pytest.raises(ValueError):
        reliable_change(4.0, 5.0, sd=sd, reliability=reliability)


def test_current_window_is_the_last_seven_days_with_at_least_three_points() -> None:
    series = [(day(i), 1.0) for i in range(14)] + [(day(20), 3.0), (day(22), 5.0)]
    assert current_window(series, after=day(13)) is None  # two points
    series.append((day(25), 7.0))
    window = current_window(series, after=day(13))
    assert window is not None
    # Window: day 19..25 holds 3, 5, 7.
    assert (window.mean, window.n, window.start, window.end) == (5.0, 3, day(19), day(25))


def test_change_vs_baseline_ignores_days_inside_the_baseline() -> None:
    series = [(day(i), 4.0 + (i % 2)) for i in range(16)]
    base = baseline(series)
    assert base is not None
    assert change_vs_baseline(series, base, sd=1.0, reliability=0.8) is None  # two points after


# ---------------------------------------------------------------------------------------------
# summarize


def test_not_enough_data_under_five_points() -> None:
    series = [(day(i), 4.0) for i in range(MIN_POINTS - 1)]
    summary = summarize(series, reliability=0.8)
    assert summary.status is Status.NOT_ENOUGH_DATA
    assert summary.n_points == 4
    assert summary.trend == [] and summary.baseline is None and not summary.reliable
    assert summarize([], reliability=0.8).status is Status.NOT_ENOUGH_DATA
    five = summarize([*series, (day(4), 5.0)], reliability=0.8)
    assert five.status is Status.BASELINE
    assert five.baseline is not None and five.baseline.n == 5
    assert len(five.trend) == 5 and five.change is None and five.rci is None


def test_no_baseline_when_the_first_two_weeks_are_thin() -> None:
    series = [(day(0), 4.0), (day(12), 4.0)] + [(day(20 + i), 5.0) for i in range(6)]
    summary = summarize(series, reliability=0.8)
    assert summary.status is Status.NO_BASELINE
    assert summary.baseline is None and summary.trend == []
    restarted = summarize(series, reliability=0.8, baseline_start=day(20))
    assert restarted.status is Status.BASELINE
    assert restarted.n_points == 6


def test_summary_reports_a_reliable_change_with_the_given_sd() -> None:
    series = simulate(11, shift=2.5)
    summary = summarize(series, reliability=0.8, sd=1.0)
    assert summary.status is Status.TRACKING
    assert summary.baseline is not None and summary.baseline.n == 14
    assert len(summary.trend) == 35
    assert summary.change is not None and summary.change.detected
    assert summary.change.direction is Direction.ABOVE
    assert summary.current is not None and summary.current.n == 7
    assert summary.rci is not None and summary.reliable
    assert summary.sd_source is SdSource.GIVEN
    assert (summary.lam, summary.L) == (LAMBDA, L_WIDTH)


def test_summary_of_a_flat_series_is_not_reliable_and_uses_the_baseline_sd() -> None:
    summary = summarize(simulate(12), reliability=0.8)
    assert summary.status is Status.TRACKING
    assert summary.rci is not None and not summary.reliable
    assert summary.sd_source is SdSource.BASELINE
    assert summary.baseline is not None
    assert summary.rci.sd == pytest.approx(summary.baseline.sd)


# ---------------------------------------------------------------------------------------------
# Practices


def test_practice_association_with_enough_days() -> None:
    days: dict[date, set[str]] = {}
    closeness: dict[date, float] = {}
    for i in range(24):
        if i % 2 == 0:
            days[day(i)] = {"share"}
        closeness[day(i + 1)] = 5.0 if i % 2 == 0 else 3.0
    # Day 24 has no next-day value and so does not count.
    days[day(24)] = {"share"}
    (result,) = practice_association(days, closeness)
    assert result.practice == "share"
    assert (result.n_done, result.n_not_done) == (12, 12)
    assert result.enough_data
    assert result.mean_done == pytest.approx(5.0)
    assert result.mean_not_done == pytest.approx(3.0)
    assert result.difference == pytest.approx(2.0)


def test_practice_association_withholds_numbers_without_enough_days() -> None:
    days = {day(i): {"listen"} for i in range(4)}
    days.update({day(i): {"share"} for i in range(4, 14)})
    # Days 14..19 are missing from `days`: nothing was done on them.
    closeness = {day(i + 1): float(i % 7) for i in range(20)}
    results = {a.practice: a for a in practice_association(days, closeness)}
    assert list(results) == ["listen", "share"]
    listen = results["listen"]
    assert (listen.n_done, listen.n_not_done) == (4, 16)
    assert not listen.enough_data
    assert listen.mean_done is None and listen.mean_not_done is None
    assert listen.difference is None
    share = results["share"]
    assert (share.n_done, share.n_not_done) == (10, 10)
    assert share.enough_data
    assert share.mean_done == pytest.approx(sum(i % 7 for i in range(4, 14)) / 10)
    # Days before the first logged day do not count.
    closeness[day(-1)] = 1.0
    closeness[day(0)] = 1.0
    again = {a.practice: a for a in practice_association(days, closeness)}
    assert again["share"] == share
    assert practice_association({}, closeness) == []


# ---------------------------------------------------------------------------------------------
# Adherence


def test_weekly_adherence_counts_weeks_from_week_start() -> None:
    start = date(2025, 3, 5)  # a Wednesday
    done = [
        date(2025, 3, 5),
        date(2025, 3, 11),  # Tuesday: still week 0
        date(2025, 3, 12),  # Wednesday: week 1
        date(2025, 3, 12),
        date(2025, 3, 25),  # week 2 ends on the 25th
        date(2025, 3, 26),  # week 3: outside
        date(2025, 3, 4),  # before: outside
    ]
    assert weekly_adherence(done, week_start=start, weeks=3) == [2, 2, 1]
    assert weekly_adherence(done, week_start=start, weeks=0) == []
    with pytest.raises(ValueError):
        weekly_adherence(done, week_start=start, weeks=-1)
