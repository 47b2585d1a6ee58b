"""How Share appears on Tonight: one small step, and adherence for Progress."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from closeknit.accounts.models import User
from closeknit.couples import access
from closeknit.couples.models import Space
from closeknit.share import services
from closeknit.share.export import export
from closeknit.tonight.registry import Practice, TonightStep


def step(space: Space, user: User) -> TonightStep | None:
    try:
        daily = services.today_for(space)
    except services.ShareError:
        return None  # no catalog loaded: nothing to offer rather than a broken page
    view = services.daily_view(daily, user, access.partner_of(space, user))
    url = reverse("share:today", args=[space.public_id])
    if view.mine is None:
        return TonightStep(
            title=_("Answer tonight's question"),
            description=(
                _("Your partner has answered. Answer to see theirs.")
                if view.partner_answered
                else _("A few honest sentences. Your partner sees them when you've both answered.")
            ),
            url=url,
            waiting_on_you=True,
            minutes=4,
        )
    if not view.revealed:
        return TonightStep(
            title=_("You've answered tonight's question"),
            description=_("Your partner sees it once they've answered too."),
            url=url,
            done=True,
            waiting_on_partner=True,
        )
    if view.needs_my_response:
        return TonightStep(
            title=_("Respond to your partner's answer"),
            description=_("You've both answered. Read theirs and let them know you heard it."),
            url=url,
            waiting_on_you=True,
            minutes=3,
        )
    return TonightStep(
        title=_("Tonight's question"), description=_("You've both answered."), url=url, done=True
    )


def adherence(space: Space, user: User, start: dt.date, end: dt.date) -> Iterable[dt.date]:
    return services.dates_practised(space, user, start, end)


PRACTICE = Practice(
    slug="share",
    name=_("Share"),
    description=_(
        "A question a day, a little deeper over time. Answers show once you've both answered."
    ),
    url_name="share:today",
    order=10,
    step=step,
    adherence=adherence,
    export=export,
)
