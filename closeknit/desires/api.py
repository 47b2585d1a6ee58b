"""Desires's JSON API: the same services and access rules as the pages.

Nothing here reads a partner's answers except ``matches``, through ``services.matches``.
Every route 404s in a space marked "not romantic".
"""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from closeknit.couples import access
from closeknit.desires import crypto, services

router = Router(tags=["desires"])

AnswerValue = Literal["yes", "curious", "no"]


class StatusOut(Schema):
    you_opted_in: bool
    on: bool
    open_tier: int | None


class ItemOut(Schema):
    id: int
    tier: int
    category: str | None
    text: str
    variant: str | None
    added_by: Literal["list", "you", "partner"]
    your_answer: AnswerValue | None


class TierOut(Schema):
    number: int
    name: str
    description: str
    open_now: bool
    ready_for_more: bool
    answered: int
    total: int
    items: list[ItemOut]


# Fields are optional so that a missing one is judged after the membership check (a
# stranger gets 404, never a validation error); the services then refuse it with a 400.


class AnswerIn(Schema):
    answer: AnswerValue | None = None


class ReadyIn(Schema):
    ready: bool = True


class ProposeIn(Schema):
    text: str = ""
    answer: AnswerValue | None = None


class MatchOut(Schema):
    item_id: int
    text: str
    variant: str | None
    starters: list[str]


class TierMatchesOut(Schema):
    number: int
    name: str
    state: Literal["waiting", "confirm", "shown"]
    you_confirmed: bool
    partner_count: int | None
    list_total: int | None
    both_yes: list[MatchOut]
    curious: list[MatchOut]


class MatchesOut(Schema):
    note: str
    tiers: list[TierMatchesOut]


class ConfirmIn(Schema):
    seen: int | None = None


def _member(request: HttpRequest, space_id: str) -> tuple[Any, Any, Any]:
    user: Any = request.user
    membership = access.membership_for(user, space_id)
    services.require_available(membership.space)
    return membership.space, user, access.partner_of(membership.space, user)


def _fail(error: services.DesiresError) -> HttpError:
    return HttpError(error.status, str(error.message))


def _unreadable() -> HttpError:
    return HttpError(503, _("Answers can't be read: the server's key isn't available."))


def _item(view: services.ItemView) -> ItemOut:
    item = view.item
    return ItemOut(
        id=item.pk,
        tier=item.tier,
        category=item.category.label if item.category else None,
        text=item.text,
        variant=item.variant or None,
        added_by="you" if view.added_by_me else "partner" if view.added_by_partner else "list",
        your_answer=view.answer,  # type: ignore[arg-type]
    )


def _tier(view: services.TierView) -> TierOut:
    return TierOut(
        number=view.number,
        name=view.tier.name if view.tier else "",
        description=view.tier.description if view.tier else "",
        open_now=view.is_open_tier,
        ready_for_more=view.ready,
        answered=view.answered,
        total=view.total,
        items=[_item(item) for item in view.items],
    )


def _match(match: services.Match) -> MatchOut:
    return MatchOut(
        item_id=match.item.pk,
        text=match.item.text,
        variant=match.item.variant or None,
        starters=[str(starter) for starter in match.starters],
    )


def _matches(tiers: list[services.TierMatches]) -> MatchesOut:
    return MatchesOut(
        note=_(
            "A yes is not a promise: a match means you'd both like to talk about it, nothing more."
        ),
        tiers=[
            TierMatchesOut(
                number=t.number,
                name=t.tier.name if t.tier else "",
                state=t.state,
                you_confirmed=t.i_confirmed,
                partner_count=t.partner_count,
                list_total=t.list_total,
                both_yes=[_match(m) for m in t.both_yes],
                curious=[_match(m) for m in t.curious],
            )
            for t in tiers
        ],
    )


@router.get("/{space_id}/status", response=StatusOut, url_name="desires_status")
def status(request: HttpRequest, space_id: str) -> StatusOut:
    space, user, partner = _member(request, space_id)
    current = services.status(space, user, partner)
    return StatusOut(
        you_opted_in=current.mine,
        on=current.both,
        open_tier=current.open_tier if current.both else None,
    )


@router.get("/{space_id}/tiers/{tier}", response=TierOut, url_name="desires_tier")
def tier(request: HttpRequest, space_id: str, tier: int) -> TierOut:
    space, user, partner = _member(request, space_id)
    try:
        return _tier(services.tier_view(space, user, partner, tier))
    except services.DesiresError as error:
        raise _fail(error) from None
    except (crypto.UnreadableAnswer, ImproperlyConfigured):
        raise _unreadable() from None


@router.post("/{space_id}/items/{item_id}/answer", response=ItemOut, url_name="desires_answer")
def answer(request: HttpRequest, space_id: str, item_id: int, payload: AnswerIn) -> ItemOut:
    space, user, partner = _member(request, space_id)
    try:
        item = services.answer(space, user, partner, item_id, payload.answer)
        view = services.tier_view(space, user, partner, item.tier)
    except services.DesiresError as error:
        raise _fail(error) from None
    except (crypto.UnreadableAnswer, ImproperlyConfigured):
        raise _unreadable() from None
    return _item(next(v for v in view.items if v.item.pk == item.pk))


@router.post("/{space_id}/items", response={201: ItemOut}, url_name="desires_propose")
def propose(request: HttpRequest, space_id: str, payload: ProposeIn) -> Status:
    space, user, partner = _member(request, space_id)
    try:
        item = services.propose(space, user, partner, text=payload.text, value=payload.answer)
        view = services.tier_view(space, user, partner, item.tier)
    except services.DesiresError as error:
        raise _fail(error) from None
    except (crypto.UnreadableAnswer, ImproperlyConfigured):
        raise _unreadable() from None
    return Status(201, _item(next(v for v in view.items if v.item.pk == item.pk)))


@router.post("/{space_id}/ready", response=StatusOut, url_name="desires_ready")
def ready(request: HttpRequest, space_id: str, payload: ReadyIn) -> StatusOut:
    space, user, partner = _member(request, space_id)
    try:
        services.set_ready(space, user, partner, ready=payload.ready)
    except services.DesiresError as error:
        raise _fail(error) from None
    current = services.status(space, user, partner)
    return StatusOut(you_opted_in=current.mine, on=current.both, open_tier=current.open_tier)


@router.get("/{space_id}/matches", response=MatchesOut, url_name="desires_matches")
def matches(request: HttpRequest, space_id: str) -> MatchesOut:
    space, user, partner = _member(request, space_id)
    try:
        return _matches(services.matches(space, user, partner))
    except services.DesiresError as error:
        raise _fail(error) from None
    except (crypto.UnreadableAnswer, ImproperlyConfigured):
        raise _unreadable() from None


@router.post("/{space_id}/matches/{tier}/confirm", response=MatchesOut, url_name="desires_confirm")
def confirm(request: HttpRequest, space_id: str, tier: int, payload: ConfirmIn) -> MatchesOut:
    space, user, partner = _member(request, space_id)
    try:
        services.confirm(space, user, partner, tier, seen=payload.seen)
        return _matches(services.matches(space, user, partner))
    except services.DesiresError as error:
        raise _fail(error) from None
    except (crypto.UnreadableAnswer, ImproperlyConfigured):
        raise _unreadable() from None
