"""Share's JSON API: the same services and access rules as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from closeknit.couples import access
from closeknit.share import services

router = Router(tags=["share"])


class AnswerOut(Schema):
    text: str
    in_person: bool
    edited: bool


class DailyOut(Schema):
    id: int
    date: dt.date
    prompt: str
    topic: str
    depth: int
    you_go_first: bool
    your_answer: AnswerOut | None
    partner_answered: bool
    revealed: bool
    partner_answer: AnswerOut | None


class AnswerIn(Schema):
    text: str = ""
    in_person: bool = False


class HistoryOut(Schema):
    page: int
    pages: int
    items: list[DailyOut]


def _answer(answer: Any) -> AnswerOut | None:
    if answer is None:
        return None
    return AnswerOut(
        text=answer.text, in_person=answer.in_person, edited=answer.edited_at is not None
    )


def _daily(view: services.DailyView) -> DailyOut:
    daily = view.daily
    return DailyOut(
        id=daily.pk,
        date=daily.date,
        prompt=daily.prompt.text,
        topic=daily.prompt.topic.label,
        depth=daily.depth,
        you_go_first=view.i_go_first,
        your_answer=_answer(view.mine),
        partner_answered=view.partner_answered,
        revealed=view.revealed,
        partner_answer=_answer(view.theirs),
    )


def _member(request: HttpRequest, space_id: str) -> tuple[Any, Any, Any]:
    user: Any = request.user
    membership = access.membership_for(user, space_id)
    return membership.space, user, access.partner_of(membership.space, user)


def _fail(error: services.ShareError) -> HttpError:
    return HttpError(error.status, str(error.message))


@router.get("/{space_id}/today", response=DailyOut)
def today(request: HttpRequest, space_id: str) -> DailyOut:
    space, user, partner = _member(request, space_id)
    try:
        daily = services.today_for(space)
    except services.ShareError as error:
        raise _fail(error) from None
    return _daily(services.daily_view(daily, user, partner))


@router.post("/{space_id}/dailies/{daily_id}/answer", response=DailyOut)
def answer(request: HttpRequest, space_id: str, daily_id: int, payload: AnswerIn) -> DailyOut:
    space, user, partner = _member(request, space_id)
    daily = services.get_daily(space, daily_id)
    try:
        services.submit_answer(daily, user, text=payload.text, in_person=payload.in_person)
    except services.ShareError as error:
        raise _fail(error) from None
    return _daily(services.daily_view(daily, user, partner))


@router.get("/{space_id}/history", response=HistoryOut)
def history(request: HttpRequest, space_id: str, q: str = "", page: int = 1) -> HistoryOut:
    space, user, partner = _member(request, space_id)
    page_obj, entries = services.timeline(space, user, partner, query=q, page=page)
    return HistoryOut(
        page=page_obj.number,
        pages=page_obj.paginator.num_pages,
        items=[_daily(e.daily) for e in entries if e.daily is not None],
    )
