"""How Appreciate appears on Tonight: one small step, and adherence for Progress."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from closeknit.accounts.models import User
from closeknit.appreciate import services
from closeknit.appreciate.export import export
from closeknit.couples.models import Space
from closeknit.tonight.registry import Practice, TonightStep


def step(space: Space, user: User) -> TonightStep | None:
    url = reverse("appreciate:write", args=[space.public_id])
    if services.wrote_today(space, user):
        return TonightStep(
            title=_("One specific thing you noticed today"),
            description=_("You wrote one today. It's waiting in your partner's jar."),
            url=url,
            done=True,
        )
    return TonightStep(
        title=_("One specific thing you noticed today"),
        description=_("Tell your partner something they did, and what it says about them."),
        url=url,
        waiting_on_you=True,
        minutes=2,
    )


def adherence(space: Space, user: User, start: dt.date, end: dt.date) -> Iterable[dt.date]:
    return services.dates_written(space, user, start, end)


PRACTICE = Practice(
    slug="appreciate",
    name=_("Appreciate"),
    description=_(
        "Specific words for what your partner did and what it shows about them, kept in a jar."
    ),
    url_name="appreciate:write",
    order=20,
    step=step,
    adherence=adherence,
    export=export,
)
