"""Plans as iCalendar: one event for a download, the space's plans for a feed.

An event carries the activity's title and the catalog's description only: never a mark, a
rating or a memory note. Times are written in the space's time zone with a VTIMEZONE, so
calendar apps show them right wherever each person is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import icalendar
from django.utils import timezone

from closeknit.core.timeutil import zone
from closeknit.couples.models import Space
from closeknit.explore.models import Plan

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//closeknit//Explore//EN"
UID_DOMAIN = "closeknit"
# How far either side of the plans the time zone's rules are written out.
TZ_MARGIN = dt.timedelta(days=400)


def uid(plan: Plan) -> str:
    return f"{plan.uid}@{UID_DOMAIN}"


def _event(plan: Plan, tz: dt.tzinfo, url: str | None) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid(plan))
    event.add("dtstamp", plan.updated_at.astimezone(dt.UTC))
    event.add("last-modified", plan.updated_at.astimezone(dt.UTC))
    event.add("created", plan.created_at.astimezone(dt.UTC))
    event.add("sequence", plan.sequence)
    event.add("dtstart", plan.starts_at.astimezone(tz))
    event.add("dtend", plan.ends_at.astimezone(tz))
    event.add("summary", plan.activity.title)
    description = plan.activity.description
    if plan.activity.accessibility:
        description = f"{description}\n\n{plan.activity.accessibility}"
    event.add("description", description)
    event.add("status", "CANCELLED" if plan.cancelled_at else "CONFIRMED")
    event.add("transp", "OPAQUE")
    if url:
        event.add("url", url)
    return event


def calendar(
    plans: Sequence[Plan],
    space: Space,
    *,
    name: str = "",
    url_for: Callable[[Plan], str] | None = None,
    refresh_hours: int | None = None,
) -> bytes:
    tz = zone(space.time_zone)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", space.time_zone)
    if refresh_hours:
        interval = dt.timedelta(hours=refresh_hours)
        cal.add("refresh-interval", interval, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", interval)
    for plan in plans:
        cal.add_component(_event(plan, tz, url_for(plan) if url_for else None))
    if plans:
        first = min(p.starts_at for p in plans).astimezone(tz).date() - TZ_MARGIN
        last = max(p.ends_at for p in plans).astimezone(tz).date() + TZ_MARGIN
    else:
        today = timezone.now().astimezone(tz).date()
        first, last = today - TZ_MARGIN, today + TZ_MARGIN
    cal.add_missing_timezones(first_date=first, last_date=last)
    return cal.to_ical()
