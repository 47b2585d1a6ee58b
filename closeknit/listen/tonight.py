"""How Listen appears on Tonight: one small step, and adherence for Progress."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from closeknit.accounts.models import User
from closeknit.couples.models import Space
from closeknit.listen import history as past
from closeknit.listen import services
from closeknit.listen.export import export
from closeknit.listen.models import Level
from closeknit.tonight.registry import Practice, TonightStep

TITLES: dict[int, Promise] = {
    Level.LIGHT: _("Ten minutes of listening, light topic"),
    Level.MEANINGFUL: _("Ten minutes of listening, meaningful topic"),
    Level.TENDER: _("Ten minutes of listening, tender topic"),
}


def step(space: Space, user: User) -> TonightStep | None:
    live = services.live_session(space)
    if live is not None:
        mine = services.awaits(live, services.current_turn(live), user)
        return TonightStep(
            title=_("Your listening session is under way"),
            description=_("The next step is yours.")
            if mine
            else _("The next step is your partner's."),
            url=reverse("listen:session", args=[space.public_id, live.pk]),
            waiting_on_you=mine,
            waiting_on_partner=not mine,
            minutes=10,
        )
    if past.completed_today(space, user):
        return TonightStep(
            title=_("You listened to each other tonight"),
            description=_("A session done today."),
            url=reverse("listen:history", args=[space.public_id]),
            done=True,
        )
    level = services.pace_for(space).level
    topic = services.suggest(space, level)
    return TonightStep(
        title=TITLES.get(level, TITLES[Level.LIGHT]),
        description=(
            _("Next topic: %(topic)s") % {"topic": topic.text}
            if topic
            else _("Bring your own topic: one of you speaks, the other listens to understand.")
        ),
        url=reverse("listen:home", args=[space.public_id]),
        minutes=10,
    )


def adherence(space: Space, user: User, start: dt.date, end: dt.date) -> Iterable[dt.date]:
    return past.dates_completed(space, user, start, end)


PRACTICE = Practice(
    slug="listen",
    name=_("Listen"),
    description=_(
        "One speaks, the other listens and says back what they heard, in person or in writing."
    ),
    url_name="listen:home",
    order=50,
    step=step,
    adherence=adherence,
    export=export,
)
