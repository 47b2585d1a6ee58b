"""How Explore appears on Tonight: one small step, and adherence for Progress."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from closeknit.accounts.models import User
from closeknit.core.timeutil import local_today
from closeknit.couples.models import Space
from closeknit.explore import recommend, services
from closeknit.explore.export import export
from closeknit.tonight.registry import Practice, TonightStep


def step(space: Space, user: User) -> TonightStep | None:
    now = timezone.now()
    sid = space.public_id
    upcoming = services.upcoming_plans(space, now=now)
    quiet_days = services.QUIET_WEEKS * 7
    if not upcoming and services.days_since_something_new(space, now=now) >= quiet_days:
        today = local_today(space.time_zone, now)
        rng = random.Random(f"{sid}:{today.isoformat()}:tonight")
        found = recommend.recommend(space, recommend.Constraints(limit=1), rng=rng)
        if found:
            idea = found[0]
            return TonightStep(
                title=_("Something new together this week?"),
                description=_("You both chose “%(title)s”. %(reason)s.")
                % {"title": idea.activity.title, "reason": idea.reasons[0]},
                url=reverse("explore:plan_new", args=[sid, idea.activity.id]),
                waiting_on_you=True,
                minutes=3,
            )
    to_rate = services.plans_to_rate(space, user, now=now)
    if to_rate:
        return TonightStep(
            title=_("How was “%(title)s”?") % {"title": to_rate[0].activity.title},
            description=_("Two quick numbers, and a memory to keep if you like."),
            url=reverse("explore:plan", args=[sid, to_rate[0].pk]),
            waiting_on_you=True,
            minutes=2,
        )
    if services.marked_count(space, user) < services.FEW_MARKS:
        return TonightStep(
            title=_("Pick a few things you'd like to try"),
            description=_(
                "Mark some activities, privately. Only what you both want ever shows up."
            ),
            url=reverse("explore:choose", args=[sid]),
            waiting_on_you=True,
            minutes=3,
        )
    if upcoming:
        return TonightStep(
            title=_("Coming up: “%(title)s”") % {"title": upcoming[0].activity.title},
            description=_("It's in the plan for both of you."),
            url=reverse("explore:plan", args=[sid, upcoming[0].pk]),
            done=True,
        )
    return TonightStep(
        title=_("Something new together"),
        description=_("Nothing needed tonight. Ideas are waiting whenever you'd like one."),
        url=reverse("explore:home", args=[sid]),
        done=True,
    )


def adherence(space: Space, user: User, start: dt.date, end: dt.date) -> Iterable[dt.date]:
    return services.dates_practised(space, user, start, end)


PRACTICE = Practice(
    slug="explore",
    name=gettext_lazy("Explore"),
    description=gettext_lazy(
        "New, exciting things to do together, chosen privately by both of you and planned in."
    ),
    url_name="explore:home",
    order=40,
    step=step,
    adherence=adherence,
    export=export,
)
