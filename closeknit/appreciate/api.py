"""Appreciate's JSON API: the same services and access rules as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from closeknit.appreciate import feedback, services
from closeknit.appreciate.models import TEXT_MAX, Appreciation
from closeknit.couples import access

router = Router(tags=["appreciate"])


class TextIn(Schema):
    text: str = Field("", max_length=TEXT_MAX * 2)


class CoachOut(Schema):
    score: int
    words: str
    hints: list[str]
    qualities: list[str]


class SentOut(Schema):
    """An appreciation as its author sees it, with the coach's view."""

    id: int
    date: dt.date
    text: str
    qualities: list[str]
    coach: CoachOut


class ReceivedOut(Schema):
    """An appreciation as the one it was written for sees it: no score, ever."""

    id: int
    date: dt.date
    text: str
    qualities: list[str]
    favourite: bool
    heart: bool
    reply: str


class JarOut(Schema):
    page: int
    has_next: bool
    items: list[ReceivedOut]


def _member(request: HttpRequest, space_id: str) -> tuple[Any, Any]:
    user: Any = request.user
    membership = access.membership_for(user, space_id)
    return membership.space, user


def _fail(error: services.AppreciateError) -> HttpError:
    return HttpError(error.status, str(error.message))


def _coach(result: feedback.Feedback) -> CoachOut:
    return CoachOut(
        score=result.score, words=result.words, hints=result.hints, qualities=result.qualities
    )


def _received(item: Appreciation) -> ReceivedOut:
    return ReceivedOut(
        id=item.pk,
        date=item.local_date,
        text=item.text,
        qualities=item.quality_slugs,
        favourite=item.favourite,
        heart=item.heart,
        reply=item.reply,
    )


@router.post("/{space_id}/appreciations", response={201: SentOut}, url_name="appreciate_write")
def write(request: HttpRequest, space_id: str, payload: TextIn) -> Status[SentOut]:
    space, user = _member(request, space_id)
    try:
        item = services.write(space, user, text=payload.text)
    except services.AppreciateError as error:
        raise _fail(error) from None
    item = services.get_visible(space, user, item.pk)
    return Status(
        201,
        SentOut(
            id=item.pk,
            date=item.local_date,
            text=item.text,
            qualities=item.quality_slugs,
            coach=_coach(feedback.for_text(item.text)),
        ),
    )


@router.get("/{space_id}/jar", response=JarOut, url_name="appreciate_jar")
def jar(
    request: HttpRequest, space_id: str, quality: str = "", favourites: bool = False, page: int = 1
) -> JarOut:
    space, user = _member(request, space_id)
    try:
        result = services.jar(space, user, quality=quality, favourites=favourites, page=page)
    except services.AppreciateError as error:
        raise _fail(error) from None
    return JarOut(
        page=result.page.number,
        has_next=result.page.has_next(),
        items=[_received(item) for item in result.items],
    )


@router.post("/{space_id}/coach", response=CoachOut, url_name="appreciate_coach")
def coach(request: HttpRequest, space_id: str, payload: TextIn) -> CoachOut:
    _member(request, space_id)
    try:
        text = services.clean_text(payload.text, TEXT_MAX)
    except services.AppreciateError as error:
        raise _fail(error) from None
    return _coach(feedback.for_text(text))
