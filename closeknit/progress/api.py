"""Progress's JSON API: the same services and access rules as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from closeknit.couples import access
from closeknit.progress import catalog, services

router = Router(tags=["progress"])


class DailyOut(Schema):
    date: dt.date
    closeness: int
    understood: int | None


class DailyIn(Schema):
    closeness: int
    understood: int | None = None


class TodayOut(Schema):
    date: dt.date
    check_in: DailyOut | None


class PointOut(Schema):
    date: dt.date
    value: float


class SeriesOut(Schema):
    closeness: list[PointOut]
    understood: list[PointOut]
    weekly: list[PointOut]


class PartnerSeriesOut(Schema):
    shared: bool
    series: SeriesOut | None


class SharingIn(Schema):
    share: bool = False  # left out: private, the default


class SharingOut(Schema):
    share: bool


def _member(request: HttpRequest, space_id: str) -> tuple[Any, Any, Any]:
    user: Any = request.user
    membership = access.membership_for(user, space_id)
    return membership.space, user, access.partner_of(membership.space, user)


def _series(series: services.PersonSeries) -> SeriesOut:
    def points(values: list[tuple[dt.date, float]]) -> list[PointOut]:
        return [PointOut(date=day, value=value) for day, value in values]

    return SeriesOut(
        closeness=points(series.closeness),
        understood=points(series.understood),
        weekly=points(series.weekly),
    )


@router.get("/{space_id}/today", response=TodayOut, url_name="progress-today")
def today(request: HttpRequest, space_id: str) -> TodayOut:
    space, user, _partner = _member(request, space_id)
    day = services.today_of(user)
    found = services.daily_for(space, user, day)
    return TodayOut(
        date=day,
        check_in=DailyOut(date=found.date, closeness=found.closeness, understood=found.understood)
        if found
        else None,
    )


@router.post("/{space_id}/today", response=DailyOut, url_name="progress-check-in")
def check_in_today(request: HttpRequest, space_id: str, payload: DailyIn) -> DailyOut:
    space, user, _partner = _member(request, space_id)
    try:
        saved = services.save_daily(
            space, user, closeness=payload.closeness, understood=payload.understood
        )
    except services.CheckInError as error:
        raise HttpError(error.status, str(error.message)) from None
    return DailyOut(date=saved.date, closeness=saved.closeness, understood=saved.understood)


@router.get("/{space_id}/series", response=SeriesOut, url_name="progress-series")
def series(request: HttpRequest, space_id: str) -> SeriesOut:
    """Your own check-ins: daily closeness, felt understood and weekly scores."""
    space, user, _partner = _member(request, space_id)
    return _series(services.own_series(space, user))


@router.get(
    "/{space_id}/partner/series", response=PartnerSeriesOut, url_name="progress-partner-series"
)
def partner_series(request: HttpRequest, space_id: str) -> PartnerSeriesOut:
    """Your partner's check-ins, only while they share them."""
    space, user, partner = _member(request, space_id)
    theirs = services.partner_series(space, user, partner)
    return PartnerSeriesOut(shared=theirs is not None, series=_series(theirs) if theirs else None)


@router.post("/{space_id}/sharing", response=SharingOut, url_name="progress-sharing")
def sharing(request: HttpRequest, space_id: str, payload: SharingIn) -> SharingOut:
    space, user, _partner = _member(request, space_id)
    return SharingOut(share=services.set_sharing(space, user, payload.share).shares_series)


@router.get(
    "/{space_id}/instruments/{instrument}",
    response=dict[str, Any],
    url_name="progress-instrument",
)
def instrument(request: HttpRequest, space_id: str, instrument: str) -> dict[str, Any]:
    """An instrument's items and scale, so another client can render it from data."""
    _member(request, space_id)
    chosen = services.get_instrument(instrument)
    return {
        "key": chosen.key,
        "version": chosen.version,
        "name": chosen.name,
        "cadence": chosen.cadence,
        "scale": {"min": chosen.scale.minimum, "max": chosen.scale.maximum},
        "items": [{"key": item.key, "text": item.text} for item in chosen.items],
        "default": chosen.key == catalog.WEEKLY,
    }
