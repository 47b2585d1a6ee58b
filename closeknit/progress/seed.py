"""Believable check-in history, saved through the real services (for the demo and for tests).

Deterministic: the same person, seed and days give the same values, so running it twice
changes nothing (every save is an upsert for its day or week).
"""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from closeknit.accounts.models import User
from closeknit.core.timeutil import zone
from closeknit.couples.models import Space
from closeknit.progress import catalog, services


def _noon(day: dt.date, tz_name: str) -> dt.datetime:
    tz: ZoneInfo = zone(tz_name)
    return dt.datetime.combine(day, dt.time(20, 30), tzinfo=tz)


def _level(rng: random.Random, centre: float, noise: float) -> int:
    return min(7, max(1, round(centre + rng.gauss(0, noise))))


def seed_history(
    space: Space,
    user: User,
    *,
    days: int = 60,
    end: dt.date | None = None,
    seed: int = 0,
    start_level: float = 3.8,
    rise: float = 1.0,
    noise: float = 0.8,
    missing: float = 0.1,
    weekly: bool = True,
) -> int:
    """Save ``days`` days of daily check-ins ending on ``end`` (default: the person's today).

    Closeness starts near ``start_level`` and drifts up by ``rise`` over the period, with
    normal noise; about ``missing`` of the days are skipped (never the first or the last).
    With ``weekly``, one weekly check-in is saved on the last check-in day of each week.
    Returns the number of daily check-ins saved.
    """
    end = end or services.today_of(user)
    rng = random.Random(f"{seed}:{user.email}")
    instrument = catalog.get(catalog.WEEKLY) if weekly else None
    first = end - dt.timedelta(days=days - 1)
    saved = 0
    last_in_week: dict[dt.date, tuple[dt.date, float]] = {}
    for offset in range(days):
        day = first + dt.timedelta(days=offset)
        centre = start_level + rise * offset / max(days - 1, 1)
        skip = rng.random() < missing
        closeness = _level(rng, centre, noise)
        understood = _level(rng, centre + 0.4, noise)
        if skip and 0 < offset < days - 1:
            continue
        services.save_daily(
            space, user, closeness=closeness, understood=understood, now=_noon(day, user.time_zone)
        )
        saved += 1
        last_in_week[services.week_of(day)] = (day, centre)
    if instrument is not None:
        for day, centre in last_in_week.values():
            answers = {
                item.key: _level(rng, instrument.scale.reverse(round(centre)), 0.7)
                if item.key in instrument.reverse_keys
                else _level(rng, centre + 0.3, 0.7)
                for item in instrument.items
            }
            services.save_check_in(space, user, instrument, answers, now=_noon(day, user.time_zone))
    return saved
