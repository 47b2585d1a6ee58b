"""How Desires appears on Tonight: one small step, and adherence for Progress."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from closeknit.accounts.models import User
from closeknit.couples import access
from closeknit.couples.models import Space
from closeknit.desires import services
from closeknit.desires.export import export
from closeknit.tonight.registry import Practice, TonightStep


def step(space: Space, user: User) -> TonightStep | None:
    if not services.available(space):
        return None
    waiting = services.unanswered_in_open_tier(space, user, access.partner_of(space, user))
    if waiting is None:
        # Not on for both: no step, and nothing that depends on the partner's choice.
        return None
    url = reverse("desires:home", args=[space.public_id])
    if waiting:
        return TonightStep(
            title=_("Answer a few desire items privately"),
            description=_("Yes, curious or no. Your partner only ever sees what you both want."),
            url=url,
            waiting_on_you=True,
            minutes=3,
        )
    return TonightStep(
        title=_("Desires"),
        description=_("You've answered everything open for now."),
        url=url,
        done=True,
    )


def adherence(space: Space, user: User, start: dt.date, end: dt.date) -> Iterable[dt.date]:
    return services.dates_answered(space, user, start, end)


PRACTICE = Practice(
    slug=services.SLUG,
    name=_("Desires"),
    description=_(
        "Learn what you'd both enjoy, a tier at a time. Only what you both want is ever shown."
    ),
    url_name="desires:home",
    order=30,
    romantic_only=True,
    step=step,
    adherence=adherence,
    export=export,
)
