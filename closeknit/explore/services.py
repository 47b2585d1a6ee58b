"""The rules of the Explore practice.

* Each person's marks (want to / maybe / not for me; new to me / done before) are private.
  The only thing computed from both people's marks is the shortlist of what both want
  (``shortlist``) and the suggestions drawn from it (``recommend.py``). A partner's marks are
  never returned, counted or compared anywhere else, so a "not for me" is never inferable.
* A plan is seen by both. Anyone may plan any activity they can see: planning never checks
  the partner's marks, so it cannot be used to probe them.
* Afterwards each person rates "how close did you feel" and "how new or exciting was it"
  (1–7; the numbers are private to their author) and may leave a memory note, which both see.
* About 90 minutes a week of something new: a weekly rhythm, never a streak.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet, prefetch_related_objects
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from closeknit.accounts.models import User
from closeknit.core.timeutil import local_now, zone
from closeknit.couples import access
from closeknit.couples.models import Membership, Space
from closeknit.explore import recommend
from closeknit.explore.models import (
    NOTE_MAX,
    RATING_MAX,
    RATING_MIN,
    Activity,
    Mark,
    Plan,
    Rating,
    Tag,
)

WEEKLY_MINUTES = 90  # Reissman, Aron & Bergen 1993: about 90 minutes a week
QUIET_WEEKS = 3  # after this long with nothing new, Tonight suggests something
FEW_MARKS = 10  # below this, Tonight invites a person to mark a few more
PAST_DAYS = 30  # a plan may be logged this far back: "we did it last Saturday"
AHEAD_DAYS = 366
RATE_WITHIN_DAYS = 30  # how long Tonight keeps inviting a rating
CUSTOM_LIMIT = 300  # a space's own activities
PAGE_SIZE = 20


class ExploreError(Exception):
    def __init__(self, code: str, message: str | Promise, status: int = 400) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.status = status


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# The catalog a space sees


def activities_for(space: Space) -> QuerySet[Activity]:
    """Active catalog activities and this space's own; never another space's."""
    return Activity.objects.filter(active=True).filter(Q(space__isnull=True) | Q(space=space))


def listed(space: Space) -> QuerySet[Activity]:
    """Everything the space sees, its own first, then by title."""
    return activities_for(space).order_by(F("space_id").asc(nulls_last=True), "title", "pk")


def get_activity(space: Space, activity_id: Any) -> Activity:
    pk = _int(activity_id)
    activity = (
        Activity.objects.filter(Q(space__isnull=True) | Q(space=space), pk=pk).first()
        if pk
        else None
    )
    if activity is None:
        raise Http404
    return activity


def tag_labels() -> dict[str, str]:
    return dict(Tag.objects.order_by("slug").values_list("slug", "label"))


def add_activity(space: Space, user: User, **values: Any) -> Activity:
    """A space's own activity: only this space sees it, and the partner never sees who added it."""
    if Activity.objects.filter(space=space).count() >= CUSTOM_LIMIT:
        raise ExploreError("too_many", _("This space has added as many activities as it can."))
    known = set(tag_labels())
    tags = list(dict.fromkeys(values.pop("tags", []) or []))
    if not tags or not set(tags) <= known:
        raise ExploreError("bad_tags", _("Choose one to three kinds from the list."))
    activity = Activity(space=space, created_by=user, tags=tags[:3], **values)
    activity.full_clean(exclude=["key", "created_by"])
    activity.save()
    return activity


# Private marks


def set_mark(
    space: Space,
    user: User,
    activity: Activity,
    *,
    interest: str | None = None,
    newness: str | None = None,
) -> Mark:
    """Save this person's marks; ``None`` leaves a mark as it was, ``""`` clears it."""
    if interest is not None and interest not in {"", *Mark.Interest.values}:
        raise ExploreError("bad_interest", _("Choose want to, maybe or not for me."))
    if newness is not None and newness not in {"", *Mark.Newness.values}:
        raise ExploreError("bad_newness", _("Choose new to me or done before."))
    if activity.space_id not in (None, space.pk) or not activity.active:
        raise Http404
    changes = {
        name: value
        for name, value in (("interest", interest), ("newness", newness))
        if value is not None
    }
    mark = Mark.objects.filter(space=space, user=user, activity=activity).first()
    if mark is None:
        try:
            with transaction.atomic():
                return Mark.objects.create(space=space, user=user, activity=activity, **changes)
        except IntegrityError:  # a double tap: the first one stands, this one updates it
            mark = Mark.objects.get(space=space, user=user, activity=activity)
    for name, value in changes.items():
        setattr(mark, name, value)
    mark.save(update_fields=[*changes, "updated_at"])
    return mark


def marks_of(
    space: Space, user: User, activity_ids: Iterable[int] | None = None
) -> dict[int, Mark]:
    """This person's own marks, by activity id. Never call it with anyone but the viewer."""
    queryset = Mark.objects.filter(space=space, user=user)
    if activity_ids is not None:
        queryset = queryset.filter(activity_id__in=list(activity_ids))
    return {m.activity_id: m for m in queryset}


def marked_count(space: Space, user: User) -> int:
    return Mark.objects.filter(space=space, user=user).exclude(interest="").count()


def to_mark(space: Space, user: User) -> QuerySet[Activity]:
    """Activities this person hasn't said yes, maybe or no to: the space's own first.

    The order depends on nothing but the catalog and this person's own marks.
    """
    chosen = Mark.objects.filter(space=space, user=user, activity=OuterRef("pk")).exclude(
        interest=""
    )
    return (
        activities_for(space)
        .exclude(Exists(chosen))
        .order_by(F("space_id").asc(nulls_last=True), "-excitement", "-novelty", "pk")
    )


# The shortlist: the one place both people's marks meet


@dataclass
class ShortlistItem:
    activity: Activity
    done_together: bool
    planned: bool


def _members(space: Space) -> list[int]:
    return sorted(
        Membership.objects.filter(space=space, left_at__isnull=True).values_list(
            "user_id", flat=True
        )
    )


def mutual_ids(space: Space, *, include_maybes: bool) -> set[int]:
    """Activities both active members want (or want + maybe). Nothing else is ever derived."""
    members = _members(space)
    if len(members) != 2:
        return set()
    first, second = members
    by_person: dict[int, dict[int, recommend.MarkData]] = {first: {}, second: {}}
    for aid, uid, interest in Mark.objects.filter(
        space=space, user_id__in=members, interest__in=[recommend.WANT, recommend.MAYBE]
    ).values_list("activity_id", "user_id", "interest"):
        by_person[uid][aid] = recommend.MarkData(aid, uid, interest)
    return {
        aid
        for aid, mark in by_person[first].items()
        if recommend.mutual(mark, by_person[second].get(aid), include_maybes=include_maybes)
        is not None
    }


def shortlist(space: Space, *, include_maybes: bool) -> list[ShortlistItem]:
    ids = mutual_ids(space, include_maybes=include_maybes)
    if not ids:
        return []
    activities = list(activities_for(space).filter(pk__in=ids).order_by("-excitement", "title"))
    now = timezone.now()
    done: set[int] = set()
    planned: set[int] = set()
    for aid, done_at, starts_at in Plan.objects.filter(
        space=space, activity_id__in=ids, cancelled_at__isnull=True
    ).values_list("activity_id", "done_at", "starts_at"):
        if done_at is not None:
            done.add(aid)
        elif starts_at >= now:
            planned.add(aid)
    return [
        ShortlistItem(activity=a, done_together=a.pk in done, planned=a.pk in planned)
        for a in activities
    ]


# Plans


def local_start(space: Space, date: dt.date, time: dt.time) -> dt.datetime:
    """The aware instant of ``date`` ``time`` on the space's clock."""
    tz = zone(space.time_zone)
    start = dt.datetime.combine(date, time).replace(tzinfo=tz)
    # A wall time skipped when the clocks go forward does not survive the round trip.
    back = start.astimezone(dt.UTC).astimezone(tz)
    if back.replace(tzinfo=None) != start.replace(tzinfo=None):
        raise ExploreError(
            "no_such_time",
            _("That time doesn't exist on that day: the clocks change. Try another."),
        )
    return start


def _check_when(space: Space, start: dt.datetime, now: dt.datetime | None) -> None:
    today = local_now(space.time_zone, now).date()
    day = start.astimezone(zone(space.time_zone)).date()
    if day < today - dt.timedelta(days=PAST_DAYS):
        raise ExploreError(
            "too_far_back",
            _("You can log something up to %(days)s days back.") % {"days": PAST_DAYS},
        )
    if day > today + dt.timedelta(days=AHEAD_DAYS):
        raise ExploreError("too_far_ahead", _("Pick a date within the next year."))


def plan_activity(
    space: Space,
    user: User,
    activity: Activity,
    *,
    date: dt.date,
    time: dt.time,
    now: dt.datetime | None = None,
) -> Plan:
    if activity.space_id not in (None, space.pk) or not activity.active:
        raise Http404
    start = local_start(space, date, time)
    _check_when(space, start, now)
    return Plan.objects.create(
        space=space,
        activity=activity,
        created_by=user,
        starts_at=start,
        ends_at=start + dt.timedelta(minutes=activity.minutes),
    )


def get_plan(space: Space, plan_id: Any) -> Plan:
    pk = _int(plan_id)
    plan = (
        Plan.objects.select_related("activity").filter(space=space, pk=pk).first() if pk else None
    )
    if plan is None:
        raise Http404
    return plan


@transaction.atomic
def move_plan(plan: Plan, *, date: dt.date, time: dt.time, now: dt.datetime | None = None) -> Plan:
    plan = Plan.objects.select_for_update().select_related("activity", "space").get(pk=plan.pk)
    if plan.cancelled_at is not None or plan.done_at is not None:
        raise ExploreError("settled", _("This one is settled: plan it again instead."), 409)
    start = local_start(plan.space, date, time)
    _check_when(plan.space, start, now)
    length = plan.ends_at - plan.starts_at
    plan.starts_at, plan.ends_at = start, start + length
    plan.sequence += 1
    plan.save(update_fields=["starts_at", "ends_at", "sequence", "updated_at"])
    return plan


@transaction.atomic
def cancel_plan(plan: Plan) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.done_at is not None:
        raise ExploreError("done", _("You've already done this one together."), 409)
    if plan.cancelled_at is None:
        plan.cancelled_at = timezone.now()
        plan.sequence += 1
        plan.save(update_fields=["cancelled_at", "sequence", "updated_at"])
    return plan


def upcoming_plans(space: Space, *, now: dt.datetime | None = None) -> list[Plan]:
    now = now or timezone.now()
    return list(
        Plan.objects.filter(
            space=space, cancelled_at__isnull=True, done_at__isnull=True, ends_at__gte=now
        )
        .select_related("activity")
        .order_by("starts_at", "pk")[:10]
    )


def plans_to_rate(space: Space, user: User, *, now: dt.datetime | None = None) -> list[Plan]:
    """Plans that have started, recently, and that this person hasn't rated yet."""
    now = now or timezone.now()
    return list(
        Plan.objects.filter(
            space=space,
            cancelled_at__isnull=True,
            starts_at__lte=now,
            starts_at__gte=now - dt.timedelta(days=RATE_WITHIN_DAYS),
        )
        .exclude(Exists(Rating.objects.filter(plan=OuterRef("pk"), author=user)))
        .select_related("activity")
        .order_by("-starts_at", "-pk")[:5]
    )


# Afterwards


def _check_scale(value: Any, what: str | Promise) -> int:
    number = _int(value)
    if number is None or not RATING_MIN <= number <= RATING_MAX:
        raise ExploreError(
            "bad_rating",
            _("For “%(what)s”, choose a number from 1 to 7.") % {"what": what},
        )
    return number


def rate_plan(
    plan: Plan,
    user: User,
    *,
    closeness: Any,
    excitement: Any,
    note: str = "",
    now: dt.datetime | None = None,
) -> Rating:
    """Save (or change) this person's afterwards-rating; the first one marks the plan done."""
    closeness = _check_scale(closeness, _("How close did you feel?"))
    excitement = _check_scale(excitement, _("How new or exciting was it?"))
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ExploreError(
            "too_long", _("Please keep the note under %(limit)s characters.") % {"limit": NOTE_MAX}
        )
    now = now or timezone.now()
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        if locked.cancelled_at is not None:
            raise ExploreError("cancelled", _("This plan was called off."), 409)
        if locked.starts_at > now:
            raise ExploreError("not_yet", _("You can rate it once it has happened."), 409)
        rating, _created = Rating.objects.update_or_create(
            plan=locked,
            author=user,
            defaults={"closeness": closeness, "excitement": excitement, "note": note},
        )
        if locked.done_at is None:
            locked.done_at = now
            locked.save(update_fields=["done_at", "updated_at"])
        plan.done_at = locked.done_at
    return rating


@dataclass
class Memory:
    mine: bool
    note: str


@dataclass
class PlanView:
    plan: Plan
    my_rating: Rating | None
    memories: list[Memory]  # the visible notes, the viewer's first
    started: bool

    @property
    def upcoming(self) -> bool:
        return not self.started and self.plan.cancelled_at is None

    @property
    def can_rate(self) -> bool:
        return self.started and self.plan.cancelled_at is None

    @property
    def can_change(self) -> bool:
        return self.plan.cancelled_at is None and self.plan.done_at is None


def _plan_views(
    plans: list[Plan], viewer: User, visible: list[int], now: dt.datetime
) -> list[PlanView]:
    """Views of plans whose ratings are prefetched. Another person's numbers never leave here."""
    views = []
    for plan in plans:
        ratings = [r for r in plan.ratings.all() if r.author_id in visible]
        mine = next((r for r in ratings if r.author_id == viewer.pk), None)
        memories = [
            Memory(mine=r.author_id == viewer.pk, note=r.note)
            for r in sorted(ratings, key=lambda r: (r.author_id != viewer.pk, r.created_at))
            if r.note
        ]
        views.append(
            PlanView(plan=plan, my_rating=mine, memories=memories, started=plan.starts_at <= now)
        )
    return views


def plan_view(plan: Plan, viewer: User, *, now: dt.datetime | None = None) -> PlanView:
    fresh = (
        Plan.objects.select_related("activity", "space").prefetch_related("ratings").get(pk=plan.pk)
    )
    visible = access.visible_author_ids(fresh.space, viewer)
    return _plan_views([fresh], viewer, visible, now or timezone.now())[0]


def plan_views(space: Space, viewer: User, plans: list[Plan]) -> list[PlanView]:
    """Views of several plans of ``space`` in a fixed number of queries."""
    prefetch_related_objects(plans, "ratings")
    visible = access.visible_author_ids(space, viewer)
    return _plan_views(plans, viewer, visible, timezone.now())


def timeline(space: Space, viewer: User, *, page: Any = 1) -> tuple[Page[Any], list[PlanView]]:
    """The things you've done together, newest first, with the memory notes both may read."""
    plans = (
        Plan.objects.filter(space=space, done_at__isnull=False, cancelled_at__isnull=True)
        .select_related("activity")
        .prefetch_related("ratings")
        .order_by("-starts_at", "-pk")
    )
    page_obj = Paginator(plans, PAGE_SIZE).get_page(page)
    visible = access.visible_author_ids(space, viewer)
    return page_obj, _plan_views(list(page_obj.object_list), viewer, visible, timezone.now())


# The weekly rhythm


@dataclass
class Rhythm:
    week_start: dt.date
    minutes: int
    goal: int = WEEKLY_MINUTES

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.minutes / self.goal)) if self.goal else 0

    @property
    def reached(self) -> bool:
        return self.minutes >= self.goal

    @property
    def dots(self) -> list[bool]:
        """Six quarter-hours towards the goal, filled as the week goes: a picture, not a score."""
        step = self.goal / 6
        return [self.minutes >= step * (n + 1) - step / 2 for n in range(6)]


def _week_bounds(space: Space, now: dt.datetime | None) -> tuple[dt.date, dt.datetime, dt.datetime]:
    local = local_now(space.time_zone, now)
    monday = local.date() - dt.timedelta(days=local.weekday())
    tz = zone(space.time_zone)
    start = dt.datetime.combine(monday, dt.time()).replace(tzinfo=tz)
    end = dt.datetime.combine(monday + dt.timedelta(days=7), dt.time()).replace(tzinfo=tz)
    return monday, start, end


def _first_times(space: Space) -> QuerySet[Plan]:
    """Done plans of activities not done together before: the new things."""
    earlier = Plan.objects.filter(
        space=space,
        activity=OuterRef("activity"),
        done_at__isnull=False,
        cancelled_at__isnull=True,
        starts_at__lt=OuterRef("starts_at"),
    )
    return Plan.objects.filter(
        space=space, done_at__isnull=False, cancelled_at__isnull=True
    ).exclude(Exists(earlier))


def weekly_rhythm(space: Space, *, now: dt.datetime | None = None) -> Rhythm:
    """Minutes of new things done together this week (Monday to Sunday, the space's clock)."""
    monday, start, end = _week_bounds(space, now)
    minutes = sum(
        int((ends - starts).total_seconds() // 60)
        for starts, ends in _first_times(space)
        .filter(starts_at__gte=start, starts_at__lt=end)
        .values_list("starts_at", "ends_at")
    )
    return Rhythm(week_start=monday, minutes=minutes)


def days_since_something_new(space: Space, *, now: dt.datetime | None = None) -> int:
    """Days since the last new thing done together (or since the two of you paired)."""
    now = now or timezone.now()
    last = _first_times(space).filter(starts_at__lte=now).order_by("-starts_at").first()
    since = last.starts_at if last else (space.paired_at or space.created_at)
    return max(0, (now - since).days)


def dates_practised(space: Space, user: User, start: dt.date, end: dt.date) -> list[dt.date]:
    """Local dates of things done together that this person rated (for adherence)."""
    tz = zone(space.time_zone)
    first = dt.datetime.combine(start, dt.time()).replace(tzinfo=tz)
    last = dt.datetime.combine(end + dt.timedelta(days=1), dt.time()).replace(tzinfo=tz)
    starts = Plan.objects.filter(
        space=space,
        cancelled_at__isnull=True,
        starts_at__gte=first,
        starts_at__lt=last,
        ratings__author=user,
    ).values_list("starts_at", flat=True)
    return sorted({s.astimezone(tz).date() for s in starts})
