from __future__ import annotations

import logging
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from closeknit.accounts.models import User
from closeknit.core.http import SpaceRequest
from closeknit.couples import access, services
from closeknit.couples.models import Space
from closeknit.progress import tonight as progress_tonight
from closeknit.tonight import registry
from closeknit.tonight.registry import TonightStep

logger = logging.getLogger(__name__)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The front door: the landing page, or the space a signed-in person used last."""
    if not request.user.is_authenticated:
        return render(request, "tonight/landing.html")
    spaces = access.spaces_of(request.user)
    if not spaces:
        return redirect("couples:list")
    last = request.session.get("space")
    chosen = next((s for s in spaces if s.public_id == last), spaces[0])
    return redirect("tonight:home", space_id=chosen.public_id)


@dataclass(frozen=True)
class Card:
    """One step on Tonight, with the pill that says where it comes from."""

    label: str | Promise
    step: TonightStep
    slug: str


BUDGET_MINUTES = 10
"""Tonight asks for about ten minutes; steps beyond that wait under "If you have more time"."""


def _plan(cards: list[Card], check_ins: list[Card]) -> tuple[list[Card], list[Card]]:
    """Open steps for tonight (what waits on you first, about ten minutes) and the rest."""
    waiting_first = sorted(cards, key=lambda c: not c.step.waiting_on_you)
    tonight: list[Card] = []
    more: list[Card] = []
    used = sum(c.step.minutes for c in check_ins)
    for card in waiting_first:
        if not tonight or used + card.step.minutes <= BUDGET_MINUTES:
            tonight.append(card)
            used += card.step.minutes
        else:
            more.append(card)
    return tonight + check_ins, more


def _step_of(practice: registry.Practice, space: Space, user: User) -> TonightStep | None:
    """A practice's step; one failing practice must not take the whole evening down."""
    if practice.step is None:
        return None
    try:
        return practice.step(space, user)
    except Exception:
        logger.exception("Tonight: the %s practice failed to give its step", practice.slug)
        return None


@access.space_member
@require_safe
def tonight(request: SpaceRequest) -> HttpResponse:
    """One small step per practice the person has on, then the check-ins.

    Practices come from the registry, so one that lands later appears here untouched.
    What waits on this person comes first; done steps fold away.
    """
    space, user = request.space, request.user
    cards: list[Card] = []
    check_ins: list[Card] = []
    if request.partner is not None:
        for practice in registry.active_for(space, user):
            step = _step_of(practice, space, user)
            if step is not None:
                cards.append(Card(practice.name, step, practice.slug))
        check_ins = [
            Card(_("Check-in"), step, "check-in") for step in progress_tonight.steps(space, user)
        ]
    open_cards, more_cards = _plan(
        [c for c in cards if not c.step.done], [c for c in check_ins if not c.step.done]
    )
    return render(
        request,
        "tonight/tonight.html",
        {
            "space": space,
            "partner": request.partner,
            "can_invite": services.can_invite(space),
            "cards": open_cards,
            "more_cards": more_cards,
            "done_cards": [c for c in cards + check_ins if c.step.done],
            "waiting_on_you": sum(1 for c in open_cards + more_cards if c.step.waiting_on_you),
            "minutes": sum(c.step.minutes for c in open_cards),
        },
    )
