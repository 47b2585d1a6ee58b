"""The check-ins on Tonight. They are not a practice, so they stay out of the registry."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from closeknit.accounts.models import User
from closeknit.couples.models import Space
from closeknit.progress import catalog, services
from closeknit.progress.models import CheckIn
from closeknit.tonight.registry import TonightStep

WEEKLY_FROM = 3
"""The weekly check-in looks back on a week, so Tonight offers it from Thursday (0 = Monday);
its page is open every day."""


def steps(space: Space, user: User, *, now: dt.datetime | None = None) -> list[TonightStep]:
    """Tonight's check-ins for this person: the daily one, and the weekly one late in the week."""
    today = services.today_of(user, now)
    sid = space.public_id
    daily = services.daily_for(space, user, today)
    found = [
        TonightStep(
            title=_("You've checked in today") if daily else _("How close do you feel today?"),
            description=(
                _("You can change it until the day is over.")
                if daily
                else _("Ten seconds: pick a picture. Only you see it unless you choose to share.")
            ),
            url=reverse("progress:daily", args=[sid]),
            done=daily is not None,
            minutes=1,
        )
    ]
    instrument = catalog.get(catalog.WEEKLY)
    if instrument is None:
        return found
    done = CheckIn.objects.filter(
        space=space,
        user=user,
        instrument=instrument.key,
        period_start=catalog.period_start(instrument, today),
    ).exists()
    if done or today.weekday() >= WEEKLY_FROM:
        found.append(
            TonightStep(
                title=_("You've answered this week's check-in")
                if done
                else _("Look back on your week"),
                description=(
                    _("Thank you. A new one opens next week.")
                    if done
                    else _("Eight short questions, about two minutes. Optional, as always.")
                ),
                url=reverse("progress:check_in", args=[sid, instrument.key]),
                done=done,
                minutes=2,
            )
        )
    return found
