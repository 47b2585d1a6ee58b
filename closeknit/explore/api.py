"""Explore's JSON API: the same services and access rules as the pages.

Marks in every response are the caller's own; a partner's marks are never part of any schema.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.paginator import Paginator
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from closeknit.core.timeutil import local_today
from closeknit.couples import access
from closeknit.explore import recommend, services
from closeknit.explore.models import Activity, Plan

router = Router(tags=["explore"])

Cost = Literal["free", "$", "$$", "$$$"]
Setting = Literal["home", "outdoors", "out", "travel"]
Energy = Literal["calm", "active"]
PAGE_SIZE = 50


class ActivityOut(Schema):
    id: int
    title: str
    description: str
    excitement: int
    novelty: int
    cost: str
    minutes: int
    setting: str
    energy: str
    best_time: str
    season: str
    tags: list[str]
    accessibility: str
    custom: bool


class MarkedActivityOut(ActivityOut):
    your_interest: str  # want, maybe, no, or "" (only ever the caller's own)
    your_newness: str  # new, done, or ""


class ActivitiesOut(Schema):
    page: int
    pages: int
    items: list[MarkedActivityOut]


class MarkIn(Schema):
    interest: Literal["want", "maybe", "no", ""] | None = None
    newness: Literal["new", "done", ""] | None = None


class ShortlistItemOut(Schema):
    activity: ActivityOut
    planned: bool
    done_together: bool


class SuggestionOut(Schema):
    activity: ActivityOut
    reasons: list[str]


class PlanIn(Schema):
    activity_id: int
    date: dt.date
    time: dt.time


class RatingIn(Schema):
    # Optional here so that a stranger gets the same 404 whatever they send; a missing
    # number is refused by the service with a clear 400.
    closeness: int | None = Field(default=None, ge=1, le=7)
    excitement: int | None = Field(default=None, ge=1, le=7)
    note: str = Field(default="", max_length=1000)


class YourRatingOut(Schema):
    closeness: int
    excitement: int


class MemoryOut(Schema):
    yours: bool
    note: str


class PlanOut(Schema):
    id: int
    activity: ActivityOut
    starts_at: dt.datetime
    ends_at: dt.datetime
    time_zone: str
    done: bool
    cancelled: bool
    your_rating: YourRatingOut | None  # the caller's own numbers only
    memories: list[MemoryOut]


class TimelineOut(Schema):
    page: int
    pages: int
    items: list[PlanOut]


class RhythmOut(Schema):
    week_start: dt.date
    minutes: int
    goal: int


def _member(request: HttpRequest, space_id: str) -> tuple[Any, Any]:
    user: Any = request.user
    membership = access.membership_for(user, space_id)
    return membership.space, user


def _fail(error: services.ExploreError) -> HttpError:
    return HttpError(error.status, str(error.message))


def _activity(activity: Activity) -> ActivityOut:
    return ActivityOut(
        id=activity.pk,
        title=activity.title,
        description=activity.description,
        excitement=activity.excitement,
        novelty=activity.novelty,
        cost=activity.cost,
        minutes=activity.minutes,
        setting=activity.setting,
        energy=activity.energy,
        best_time=activity.best_time,
        season=activity.season,
        tags=list(activity.tags or ()),
        accessibility=activity.accessibility,
        custom=activity.custom,
    )


def _marked(activity: Activity, mark: Any) -> MarkedActivityOut:
    return MarkedActivityOut(
        **_activity(activity).dict(),
        your_interest=mark.interest if mark else "",
        your_newness=mark.newness if mark else "",
    )


def _plan(view: services.PlanView, space: Any) -> PlanOut:
    plan, mine = view.plan, view.my_rating
    return PlanOut(
        id=plan.pk,
        activity=_activity(plan.activity),
        starts_at=plan.starts_at,
        ends_at=plan.ends_at,
        time_zone=space.time_zone,
        done=plan.done_at is not None,
        cancelled=plan.cancelled_at is not None,
        your_rating=YourRatingOut(closeness=mine.closeness, excitement=mine.excitement)
        if mine
        else None,
        memories=[MemoryOut(yours=m.mine, note=m.note) for m in view.memories],
    )


@router.get("/{space_id}/activities", response=ActivitiesOut)
def activities(
    request: HttpRequest, space_id: str, page: int = 1, setting: Setting | None = None
) -> ActivitiesOut:
    space, user = _member(request, space_id)
    rows = services.listed(space)
    if setting:
        rows = rows.filter(setting=setting)
    page_obj = Paginator(rows, PAGE_SIZE).get_page(page)
    items = list(page_obj.object_list)
    marks = services.marks_of(space, user, [a.pk for a in items])
    return ActivitiesOut(
        page=page_obj.number,
        pages=page_obj.paginator.num_pages,
        items=[_marked(a, marks.get(a.pk)) for a in items],
    )


@router.post("/{space_id}/activities/{activity_id}/mark", response=MarkedActivityOut)
def mark(
    request: HttpRequest, space_id: str, activity_id: int, payload: MarkIn
) -> MarkedActivityOut:
    space, user = _member(request, space_id)
    activity = services.get_activity(space, activity_id)
    if payload.interest is None and payload.newness is None:
        raise HttpError(400, "Send interest, newness or both.")
    try:
        saved = services.set_mark(
            space, user, activity, interest=payload.interest, newness=payload.newness
        )
    except services.ExploreError as error:
        raise _fail(error) from None
    return _marked(activity, saved)


@router.get("/{space_id}/shortlist", response=list[ShortlistItemOut])
def shortlist(request: HttpRequest, space_id: str, maybes: bool = False) -> list[ShortlistItemOut]:
    space, _user = _member(request, space_id)
    return [
        ShortlistItemOut(
            activity=_activity(item.activity),
            planned=item.planned,
            done_together=item.done_together,
        )
        for item in services.shortlist(space, include_maybes=maybes)
    ]


class SuggestQuery(Schema):
    budget: Cost | None = None
    minutes: int | None = Field(default=None, ge=5, le=60 * 24 * 30)
    setting: list[Setting] = Field(default_factory=list)
    energy: Energy | None = None
    maybes: bool = False
    again: bool = False
    limit: int = Field(default=recommend.DEFAULT_LIMIT, ge=1, le=20)
    seed: int | None = Field(default=None, ge=0)


@router.get("/{space_id}/suggestions", response=list[SuggestionOut])
def suggestions(
    request: HttpRequest, space_id: str, filters: Query[SuggestQuery]
) -> list[SuggestionOut]:
    space, _user = _member(request, space_id)
    constraints = recommend.Constraints(
        budget=filters.budget,
        minutes=filters.minutes,
        settings=frozenset(filters.setting),
        energy=filters.energy,
        include_maybes=filters.maybes,
        include_done=filters.again,
        limit=filters.limit,
    )
    rng = recommend.seeded_rng(
        space.public_id, local_today(space.time_zone), constraints, filters.seed or 0
    )
    found = recommend.recommend(space, constraints, rng=rng)
    by_id = Activity.objects.in_bulk([s.activity.id for s in found])
    return [
        SuggestionOut(activity=_activity(by_id[s.activity.id]), reasons=[str(r) for r in s.reasons])
        for s in found
        if s.activity.id in by_id
    ]


@router.get("/{space_id}/plans", response=list[PlanOut])
def plans(request: HttpRequest, space_id: str) -> list[PlanOut]:
    space, user = _member(request, space_id)
    return [
        _plan(v, space) for v in services.plan_views(space, user, services.upcoming_plans(space))
    ]


@router.post("/{space_id}/plans", response={201: PlanOut})
def plan_create(request: HttpRequest, space_id: str, payload: PlanIn) -> Status[PlanOut]:
    space, user = _member(request, space_id)
    activity = services.get_activity(space, payload.activity_id)
    try:
        plan = services.plan_activity(space, user, activity, date=payload.date, time=payload.time)
    except services.ExploreError as error:
        raise _fail(error) from None
    return Status(201, _plan(services.plan_view(plan, user), space))


@router.get("/{space_id}/plans/{plan_id}", response=PlanOut)
def plan_detail(request: HttpRequest, space_id: str, plan_id: int) -> PlanOut:
    space, user = _member(request, space_id)
    return _plan(services.plan_view(services.get_plan(space, plan_id), user), space)


@router.post("/{space_id}/plans/{plan_id}/rating", response=PlanOut)
def plan_rating(request: HttpRequest, space_id: str, plan_id: int, payload: RatingIn) -> PlanOut:
    space, user = _member(request, space_id)
    plan: Plan = services.get_plan(space, plan_id)
    try:
        services.rate_plan(
            plan,
            user,
            closeness=payload.closeness,
            excitement=payload.excitement,
            note=payload.note,
        )
    except services.ExploreError as error:
        raise _fail(error) from None
    return _plan(services.plan_view(plan, user), space)


@router.get("/{space_id}/timeline", response=TimelineOut)
def timeline(request: HttpRequest, space_id: str, page: int = 1) -> TimelineOut:
    space, user = _member(request, space_id)
    page_obj, views = services.timeline(space, user, page=page)
    return TimelineOut(
        page=page_obj.number,
        pages=page_obj.paginator.num_pages,
        items=[_plan(v, space) for v in views],
    )


@router.get("/{space_id}/rhythm", response=RhythmOut)
def rhythm(request: HttpRequest, space_id: str) -> RhythmOut:
    space, _user = _member(request, space_id)
    found = services.weekly_rhythm(space)
    return RhythmOut(week_start=found.week_start, minutes=found.minutes, goal=found.goal)
