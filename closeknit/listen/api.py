"""Listen's JSON API: the same services and access rules as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from closeknit.coaching import crisis
from closeknit.core.support import resources
from closeknit.couples import access
from closeknit.listen import history as past
from closeknit.listen import services

router = Router(tags=["listen"])


class CoachOut(Schema):
    flags: list[str]
    strengths: list[str]
    hints: list[str]


class EntryOut(Schema):
    turn: int
    kind: str
    by_you: bool
    text: str
    coach: CoachOut | None  # only on your own reflections


class ResourceOut(Schema):
    name: str
    description: str


class SessionOut(Schema):
    id: int
    mode: str
    topic: str
    level: int | None
    state: str
    live: bool
    turn: int
    you_hold_the_floor: bool
    your_step: bool
    turn_minutes: int
    seconds_left: int | None
    entries: list[EntryOut]
    your_rating: int | None
    # Set only in the answer to your own words when they sounded like a crisis.
    support: list[ResourceOut] = []


class SessionBrief(Schema):
    id: int
    mode: str
    topic: str
    level: int | None
    ended_at: dt.datetime | None
    turns_understood: int
    your_rating: int | None


class HistoryOut(Schema):
    page: int
    pages: int
    items: list[SessionBrief]


# Defaults everywhere, so a stranger meets 404 before any complaint about the body; the
# services then refuse a missing action or rating with a clear 400.
class StepIn(Schema):
    action: str = ""
    text: str = ""


class RateIn(Schema):
    understood: int = 0


def _member(request: HttpRequest, space_id: str) -> tuple[Any, Any]:
    user: Any = request.user
    membership = access.membership_for(user, space_id)
    return membership.space, user


def _fail(error: services.ListenError) -> HttpError:
    return HttpError(error.status, str(error.message))


def _session(view: services.SessionView, support: bool = False) -> SessionOut:
    session = view.session
    entries = [
        EntryOut(
            turn=tv.turn.number,
            kind=ev.entry.kind,
            by_you=ev.mine,
            text=ev.entry.text,
            coach=CoachOut(flags=ev.notes.flags, strengths=ev.notes.strengths, hints=ev.notes.hints)
            if ev.notes
            else None,
        )
        for tv in view.turns
        for ev in tv.entries
    ]
    return SessionOut(
        id=session.pk,
        mode=session.mode,
        topic=session.topic_text,
        level=session.level,
        state=session.state,
        live=session.live,
        turn=view.current.turn.number,
        you_hold_the_floor=view.i_speak,
        your_step=view.my_step,
        turn_minutes=session.turn_minutes,
        seconds_left=view.remaining,
        entries=entries,
        your_rating=view.my_rating.understood if view.my_rating else None,
        support=[ResourceOut(name=n, description=d) for n, d in resources()] if support else [],
    )


@router.get("/{space_id}/sessions", response=HistoryOut, url_name="listen_history")
def history(request: HttpRequest, space_id: str, page: int = 1) -> HistoryOut:
    space, user = _member(request, space_id)
    page_obj, rows = past.sessions(space, user, page=page)
    return HistoryOut(
        page=page_obj.number,
        pages=page_obj.paginator.num_pages,
        items=[
            SessionBrief(
                id=row.session.pk,
                mode=row.session.mode,
                topic=row.session.topic_text,
                level=row.session.level,
                ended_at=row.session.ended_at,
                turns_understood=row.understood_turns,
                your_rating=row.my_rating,
            )
            for row in rows
        ],
    )


@router.get("/{space_id}/sessions/{listen_id}", response=SessionOut, url_name="listen_session")
def session(request: HttpRequest, space_id: str, listen_id: int) -> SessionOut:
    space, user = _member(request, space_id)
    found = services.get_session(space, listen_id)
    return _session(services.session_view(found, user))


@router.post("/{space_id}/sessions/{listen_id}/step", response=SessionOut, url_name="listen_step")
def step(request: HttpRequest, space_id: str, listen_id: int, payload: StepIn) -> SessionOut:
    space, user = _member(request, space_id)
    found = services.get_session(space, listen_id)
    try:
        result = services.act(found, user, payload.action, payload.text)
    except services.ListenError as error:
        raise _fail(error) from None
    heavy = result.entry is not None and crisis.detect(result.entry.text)
    return _session(services.session_view(found, user), support=heavy)


@router.post("/{space_id}/sessions/{listen_id}/rate", response=SessionOut, url_name="listen_rate")
def rate(request: HttpRequest, space_id: str, listen_id: int, payload: RateIn) -> SessionOut:
    space, user = _member(request, space_id)
    found = services.get_session(space, listen_id)
    try:
        services.rate(found, user, payload.understood)
    except services.ListenError as error:
        raise _fail(error) from None
    return _session(services.session_view(found, user))
