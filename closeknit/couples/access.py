"""The ONE place that decides who may see what.

Every practice authorises through these helpers:

* ``@space_member`` guards every view under ``/s/<space_id>/``: a person who is not an
  active member gets 404, never a hint that the space exists.
* ``membership_for`` does the same for the API and services.
* ``visible_authors`` / ``authored_by_members`` filter rows so that what a person who left
  wrote disappears from the partner's view at once.

Practices add their own reveal rules (for example "answers show only after both answered")
in their services, on top of these.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from closeknit.accounts.models import User
from closeknit.couples.models import Membership, Space

P = ParamSpec("P")
M = TypeVar("M", bound=Model)


def memberships_of(user: User) -> QuerySet[Membership]:
    """The person's active memberships, with their spaces."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user, left_at__isnull=True)
        .select_related("space")
        .order_by("joined_at")
    )


def spaces_of(user: User) -> list[Space]:
    return [m.space for m in memberships_of(user)]


def membership_for(user: User, public_id: str) -> Membership:
    """The person's active membership of the space, or ``Http404``."""
    if not user.is_authenticated or not isinstance(public_id, str) or len(public_id) > 32:
        raise Http404
    membership = memberships_of(user).filter(space__public_id=public_id).first()
    if membership is None:
        raise Http404
    return membership


def partner_of(space: Space, user: User) -> User | None:
    """The other active member, or None while waiting for them (or after they left)."""
    other = (
        Membership.objects.filter(space=space, left_at__isnull=True)
        .exclude(user=user)
        .select_related("user")
        .first()
    )
    return other.user if other else None


def active_member_ids(space: Space) -> set[int]:
    """The people in the space now (one while waiting for a partner or after one left)."""
    return set(
        Membership.objects.filter(space=space, left_at__isnull=True).values_list(
            "user_id", flat=True
        )
    )


def visible_author_ids(space: Space, viewer: User) -> list[int]:
    """Whose words ``viewer`` may see in ``space`` at all: themself and an active partner."""
    partner = partner_of(space, viewer)
    return [viewer.pk] if partner is None else [viewer.pk, partner.pk]


def authored_by_members(
    queryset: QuerySet[M], space: Space, viewer: User, *, author_field: str = "author"
) -> QuerySet[M]:
    """Rows of ``space`` written by the viewer or their active partner (never by a leaver)."""
    return queryset.filter(
        space=space, **{f"{author_field}__in": visible_author_ids(space, viewer)}
    )


def space_member(
    view: Callable[Concatenate[Any, P], HttpResponse],
) -> Callable[Concatenate[HttpRequest, P], HttpResponse]:
    """Guard a view whose URL carries ``space_id``.

    Anonymous people are sent to log in; anyone else who is not an active member gets 404.
    On success ``request.space``, ``request.membership`` and ``request.partner`` are set.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        space_id = kwargs.pop("space_id")
        membership = membership_for(request.user, str(space_id))
        request.membership = membership  # type: ignore[attr-defined]
        request.space = membership.space  # type: ignore[attr-defined]
        request.partner = partner_of(membership.space, request.user)  # type: ignore[attr-defined]
        if request.session.get("space") != membership.space.public_id:
            request.session["space"] = membership.space.public_id
        return view(request, *args, **kwargs)

    return wrapper
