"""The rules of check-ins and who may see them.

* The daily check-in: one per person per space per local day (the person's own time zone),
  editable that day; closeness is one of seven pictures, "felt understood" is optional (1–7).
* Questionnaires (instruments, defined as YAML): one per person per period (an ISO week for
  weekly ones), stored item by item and scored by ``instruments.py`` when saved.
* Check-ins are private. A partner sees someone's series only while that person shares them
  (``set_sharing``); nothing is shared by default. The couple view needs both to share.

Every read of a partner's check-ins goes through ``partner_series``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from closeknit.accounts.models import User
from closeknit.core.timeutil import local_today
from closeknit.couples.models import Space
from closeknit.progress import catalog
from closeknit.progress.instruments import Instrument, ScoringError
from closeknit.progress.models import LEVELS, Answer, CheckIn, DailyCheckIn, Sharing
from closeknit.tonight import registry


class CheckInError(Exception):
    def __init__(self, code: str, message: str | Promise, status: int = 400) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.status = status


def today_of(user: User, now: dt.datetime | None = None) -> dt.date:
    """A check-in belongs to the local day of the person making it."""
    return local_today(user.time_zone, now)


# The daily check-in


def _level(value: Any, *, what: str, required: bool) -> int | None:
    if value in (None, "") and not required:
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if isinstance(value, bool) or not 1 <= number <= LEVELS:
        if what == "closeness":
            raise CheckInError("bad_closeness", _("Choose one of the seven pictures."))
        raise CheckInError("bad_understood", _("Choose a number from 1 to 7."))
    return number


def daily_for(space: Space, user: User, day: dt.date) -> DailyCheckIn | None:
    return DailyCheckIn.objects.filter(space=space, user=user, date=day).first()


def save_daily(
    space: Space,
    user: User,
    *,
    closeness: Any,
    understood: Any = None,
    now: dt.datetime | None = None,
) -> DailyCheckIn:
    """Save (or change) today's check-in. Saving again the same day replaces it."""
    closeness_value = _level(closeness, what="closeness", required=True)
    understood_value = _level(understood, what="understood", required=False)
    day = today_of(user, now)
    values = {"closeness": closeness_value, "understood": understood_value}
    try:
        with transaction.atomic():
            check_in, _created = DailyCheckIn.objects.update_or_create(
                space=space, user=user, date=day, defaults=values
            )
    except IntegrityError:
        # The same person saved twice at the same instant (two tabs): the later save wins.
        DailyCheckIn.objects.filter(space=space, user=user, date=day).update(**values)
        check_in = DailyCheckIn.objects.get(space=space, user=user, date=day)
    return check_in


# Questionnaires


def get_instrument(key: Any) -> Instrument:
    instrument = catalog.get(str(key)) if isinstance(key, str) else None
    if instrument is None:
        raise Http404
    return instrument


def check_in_for(space: Space, user: User, instrument: Instrument, day: dt.date) -> CheckIn | None:
    return (
        CheckIn.objects.filter(
            space=space,
            user=user,
            instrument=instrument.key,
            period_start=catalog.period_start(instrument, day),
        )
        .prefetch_related("answers")
        .first()
    )


def answers_of(check_in: CheckIn | None) -> dict[str, int]:
    if check_in is None:
        return {}
    return {answer.item: answer.value for answer in check_in.answers.all()}


def save_check_in(
    space: Space,
    user: User,
    instrument: Instrument,
    answers: Mapping[str, Any],
    *,
    now: dt.datetime | None = None,
) -> CheckIn:
    """Score and save this period's answers (replacing any saved earlier in the period).

    Unanswered items may be left out or None; the instrument decides how many are enough.
    """
    cleaned: dict[str, int | None] = {}
    for key, value in answers.items():
        if value in (None, ""):
            cleaned[key] = None
            continue
        try:
            cleaned[key] = int(value)
        except (TypeError, ValueError):
            raise CheckInError(
                "bad_answer", _("Choose one of the points on the scale for each question.")
            ) from None
    try:
        score = instrument.score(cleaned)
    except ScoringError:
        raise CheckInError(
            "bad_answer", _("Choose one of the points on the scale for each question.")
        ) from None
    if score.total is None:
        needed = max(1, math.ceil(instrument.scoring.min_answered * score.n_items - 1e-9))
        raise CheckInError(
            "too_few",
            _("Please answer at least %(needed)s of the %(total)s questions.")
            % {"needed": needed, "total": score.n_items},
        )
    period = catalog.period_start(instrument, today_of(user, now))
    given = {key: value for key, value in cleaned.items() if value is not None}
    defaults = {
        "version": instrument.version,
        "total": score.total,
        "subscales": score.subscales,
        "band": score.band or "",
    }
    with transaction.atomic():
        try:
            with transaction.atomic():
                check_in, _created = CheckIn.objects.update_or_create(
                    space=space,
                    user=user,
                    instrument=instrument.key,
                    period_start=period,
                    defaults=defaults,
                )
        except IntegrityError:
            check_in = CheckIn.objects.get(
                space=space, user=user, instrument=instrument.key, period_start=period
            )
            for name, value in defaults.items():
                setattr(check_in, name, value)
            check_in.save()
        check_in.answers.all().delete()
        Answer.objects.bulk_create(
            Answer(check_in=check_in, item=key, value=value) for key, value in given.items()
        )
    return check_in


# Sharing


def shares(space: Space, user: User) -> bool:
    return Sharing.objects.filter(space=space, user=user, shares_series=True).exists()


def sharing_choices(space: Space, people: Iterable[User | None]) -> dict[int, bool]:
    """Who of ``people`` shares their series in this space (one query)."""
    ids = [person.pk for person in people if person is not None]
    chosen = dict(
        Sharing.objects.filter(space=space, user_id__in=ids).values_list("user_id", "shares_series")
    )
    return {pk: bool(chosen.get(pk, False)) for pk in ids}


def set_sharing(space: Space, user: User, share: bool) -> Sharing:
    sharing, _created = Sharing.objects.update_or_create(
        space=space, user=user, defaults={"shares_series": bool(share)}
    )
    return sharing


# Reading: the only way check-ins leave the database.


@dataclass
class PersonSeries:
    """One person's check-ins in one space, oldest first."""

    user: User
    closeness: list[tuple[dt.date, float]] = field(default_factory=list)
    understood: list[tuple[dt.date, float]] = field(default_factory=list)
    weekly: list[tuple[dt.date, float]] = field(default_factory=list)  # (week start, total)

    @property
    def check_in_days(self) -> int:
        return len(self.closeness)


def _series(space: Space, user: User) -> PersonSeries:
    series = PersonSeries(user=user)
    for day, closeness, understood in (
        DailyCheckIn.objects.filter(space=space, user=user)
        .order_by("date")
        .values_list("date", "closeness", "understood")
    ):
        series.closeness.append((day, float(closeness)))
        if understood is not None:
            series.understood.append((day, float(understood)))
    for period, total in (
        CheckIn.objects.filter(
            space=space, user=user, instrument=catalog.WEEKLY, total__isnull=False
        )
        .order_by("period_start")
        .values_list("period_start", "total")
    ):
        if total is not None:
            series.weekly.append((period, float(total)))
    return series


def own_series(space: Space, user: User) -> PersonSeries:
    return _series(space, user)


def partner_series(
    space: Space, viewer: User, partner: User | None, *, choices: Mapping[int, bool] | None = None
) -> PersonSeries | None:
    """The partner's series, only while the partner shares them; otherwise None.

    ``partner`` must be the viewer's active partner (``access.partner_of``): someone who left
    is never passed here, so what they wrote vanishes with them.
    """
    if partner is None or partner.pk == viewer.pk:
        return None
    chosen = choices if choices is not None else sharing_choices(space, [partner])
    if not chosen.get(partner.pk, False):
        return None
    return _series(space, partner)


# Practices: adherence and rhythm, from the registry


def practice_days(
    space: Space, user: User, start: dt.date, end: dt.date
) -> dict[str, set[dt.date]]:
    """For each practice this person has on, the days they practised it (one call each)."""
    days: dict[str, set[dt.date]] = {}
    for practice in registry.active_for(space, user):
        if practice.adherence is None:
            continue
        days[practice.slug] = set(practice.adherence(space, user, start, end))
    return days


def week_of(day: dt.date) -> dt.date:
    """The Monday of the ISO week ``day`` falls in."""
    return day - dt.timedelta(days=day.weekday())


def evenings_together(
    space: Space, user: User, partner: User | None, start: dt.date, end: dt.date
) -> int:
    """Days from ``start`` to ``end`` on which both did at least one practice step.

    Check-ins do not count: they are private, and counting them would tell the partner on
    which days someone checked in.
    """
    if partner is None:
        return 0
    mine = set().union(*practice_days(space, user, start, end).values())
    theirs = set().union(*practice_days(space, partner, start, end).values())
    return len(mine & theirs)


# Export


def export_rows(space: Space, user: User) -> list[list[str]]:
    """Everything this person checked in, one row per value: date, check-in, item, value."""
    rows = [["date", "check_in", "item", "value"]]
    for check in DailyCheckIn.objects.filter(space=space, user=user).order_by("date"):
        rows.append([check.date.isoformat(), "daily", "closeness", str(check.closeness)])
        if check.understood is not None:
            rows.append([check.date.isoformat(), "daily", "understood", str(check.understood)])
    check_ins = (
        CheckIn.objects.filter(space=space, user=user)
        .order_by("period_start", "instrument")
        .prefetch_related("answers")
    )
    for check_in in check_ins:
        day = check_in.period_start.isoformat()
        for answer in sorted(check_in.answers.all(), key=lambda a: a.item):
            rows.append([day, check_in.instrument, answer.item, str(answer.value)])
        if check_in.total is not None:
            rows.append([day, check_in.instrument, "score", f"{check_in.total:.3f}"])
        for name, value in sorted((check_in.subscales or {}).items()):
            if value is not None:
                rows.append([day, check_in.instrument, f"subscale:{name}", f"{value:.3f}"])
    return rows
