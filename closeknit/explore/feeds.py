"""Private calendar feeds: one per person and space, reached by a secret token.

Only a hash of the token is stored. Making a new one revokes the old one at once; a revoked
or unknown token, or one whose person has left the space, gets 404.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils import timezone

from closeknit.accounts.models import User
from closeknit.couples.models import Membership, Space
from closeknit.explore.models import CalendarFeed, Plan

FEED_BACK_DAYS = 365  # how far back the calendar feed reaches


def _token_hash(token: str) -> str:
    # The token carries 256 random bits, so a plain SHA-256 is enough (and survives a key
    # rotation, unlike a keyed hash): a database leak does not reveal working feed URLs.
    return hashlib.sha256(token.encode()).hexdigest()


def active_feed(space: Space, user: User) -> CalendarFeed | None:
    return (
        CalendarFeed.objects.filter(space=space, user=user, revoked_at__isnull=True)
        .order_by("-created_at")
        .first()
    )


@transaction.atomic
def create_feed(space: Space, user: User) -> tuple[CalendarFeed, str]:
    """A fresh secret feed for this person; any earlier one stops working at once."""
    revoke_feed(space, user)
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.create(space=space, user=user, token_hash=_token_hash(token))
    return feed, token


def revoke_feed(space: Space, user: User) -> int:
    return CalendarFeed.objects.filter(space=space, user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def feed_for_token(token: str) -> CalendarFeed:
    """The live feed for ``token``: unknown, revoked, or its person left the space → 404."""
    if not token or len(token) > 100:
        raise Http404
    feed = (
        CalendarFeed.objects.select_related("space", "user")
        .filter(token_hash=_token_hash(token), revoked_at__isnull=True)
        .filter(
            Exists(
                Membership.objects.filter(
                    space=OuterRef("space"), user=OuterRef("user"), left_at__isnull=True
                )
            )
        )
        .first()
    )
    if feed is None or not feed.user.is_active:
        raise Http404
    return feed


def feed_plans(space: Space, *, now: dt.datetime | None = None) -> list[Plan]:
    now = now or timezone.now()
    return list(
        Plan.objects.filter(
            space=space,
            cancelled_at__isnull=True,
            starts_at__gte=now - dt.timedelta(days=FEED_BACK_DAYS),
        )
        .select_related("activity")
        .order_by("starts_at", "pk")
    )
