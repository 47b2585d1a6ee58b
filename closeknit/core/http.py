"""Typed request classes so views type-check what middleware and decorators attach."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from closeknit.accounts.models import User
    from closeknit.couples.models import Membership, Space


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


class AuthedRequest(HtmxHttpRequest):
    user: User


class SpaceRequest(AuthedRequest):
    """A request that passed ``couples.access.space_member``."""

    space: Space
    membership: Membership
    partner: User | None
