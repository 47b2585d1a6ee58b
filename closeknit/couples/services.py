"""The rules for spaces: create, invite, join, leave."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from closeknit.accounts.models import User
from closeknit.couples.models import SPACE_SIZE, Invite, Membership, Space

# Crockford's base32: no I, L, O or U, so a code read aloud or typed is hard to get wrong.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10  # 50 bits: with rate limiting, guessing a live code is hopeless
_CODE_RE = re.compile(rf"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")
_LOOKALIKES = str.maketrans("OIL", "011")
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{40,64}$")


class InviteError(Exception):
    """Why an invite cannot be used, with the HTTP status that says so."""

    def __init__(self, code: str, message: str | Promise, status: int) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.status = status


def _not_found() -> InviteError:
    return InviteError(
        "invite_not_found",
        _("We couldn't find that invite. Check the code, or ask your partner for a new one."),
        404,
    )


@dataclass(frozen=True)
class IssuedInvite:
    """An invite just made: the only moment its secrets exist in the clear."""

    invite: Invite
    token: str
    code: str

    @property
    def display_code(self) -> str:
        return f"{self.code[:5]}-{self.code[5:]}"


def _digest(secret: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, secret.encode(), hashlib.sha256).hexdigest()


def normalize_code(raw: str) -> str | None:
    """Uppercase, drop spaces and dashes, read O as 0 and I/L as 1 (Crockford)."""
    cleaned = re.sub(r"[\s-]", "", raw or "").upper()
    cleaned = cleaned.translate(_LOOKALIKES)
    return cleaned if _CODE_RE.match(cleaned) else None


def active_members(space: Space) -> list[User]:
    return [m.user for m in space.memberships.filter(left_at__isnull=True).select_related("user")]


@transaction.atomic
def create_space(user: User, *, name: str = "", romantic: bool = True) -> Space:
    space = Space.objects.create(name=name.strip(), time_zone=user.time_zone, romantic=romantic)
    Membership.objects.create(space=space, user=user)
    return space


def can_invite(space: Space) -> bool:
    return space.paired_at is None


@transaction.atomic
def create_invite(space: Space, by: User) -> IssuedInvite:
    """Make a fresh invite; any earlier unused one stops working."""
    if not can_invite(space):
        raise InviteError("space_full", _("This space already has two people."), 409)
    now = timezone.now()
    Invite.objects.filter(space=space, used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )
    token = secrets.token_urlsafe(32)
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    invite = Invite.objects.create(
        space=space,
        created_by=by,
        token_hash=_digest(token),
        code_hash=_digest(code),
        expires_at=now + timedelta(days=settings.CLOSEKNIT_INVITE_DAYS),
    )
    return IssuedInvite(invite=invite, token=token, code=code)


def live_invite(space: Space) -> Invite | None:
    return (
        Invite.objects.filter(
            space=space,
            used_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .order_by("-created_at")
        .first()
    )


def find_invite(*, token: str | None = None, code: str | None = None) -> Invite:
    """Look an invite up by its link token or short code, or raise ``InviteError``."""
    if token is not None:
        if not _TOKEN_RE.match(token):
            raise _not_found()
        lookup = {"token_hash": _digest(token)}
    else:
        normalized = normalize_code(code or "")
        if normalized is None:
            raise InviteError(
                "invite_code_malformed",
                _("An invite code has 10 letters and numbers, like K7QM4-XPA2R."),
                400,
            )
        lookup = {"code_hash": _digest(normalized)}
    invite = Invite.objects.select_related("space", "created_by").filter(**lookup).first()
    if invite is None or invite.revoked_at is not None:
        raise _not_found()
    return invite


def _check_usable(invite: Invite, user: User) -> None:
    space = invite.space
    if Membership.objects.filter(space=space, user=user, left_at__isnull=True).exists():
        raise InviteError("already_member", _("You're already in this space."), 409)
    if invite.used_at is not None:
        raise InviteError(
            "invite_used", _("This invite was already used. Ask for a new one if you need it."), 410
        )
    if invite.expires_at <= timezone.now():
        raise InviteError(
            "invite_expired",
            _("This invite has expired. Ask your partner to make a new one."),
            410,
        )
    if space.paired_at is not None:
        raise InviteError("space_full", _("This space already has two people."), 409)
    if Membership.objects.filter(space=space, user=user).exists():
        # Someone who left does not come back through an old door.
        raise InviteError(
            "left_before", _("You left this space, so this invite can't be used."), 409
        )


def check_invite(invite: Invite, user: User) -> None:
    """Raise ``InviteError`` if ``user`` could not join with ``invite`` now."""
    _check_usable(invite, user)


def redeem_invite(invite: Invite, user: User) -> Space:
    """Join ``user`` to the invite's space. Exactly one person can ever win a race for it."""
    try:
        with transaction.atomic():
            locked = Invite.objects.select_for_update().select_related("space").get(pk=invite.pk)
            space = Space.objects.select_for_update().get(pk=locked.space_id)
            locked.space = space
            _check_usable(locked, user)
            if space.memberships.filter(left_at__isnull=True).count() >= SPACE_SIZE:
                raise InviteError("space_full", _("This space already has two people."), 409)
            now = timezone.now()
            Membership.objects.create(space=space, user=user)
            locked.used_at = now
            locked.used_by = user
            locked.save(update_fields=["used_at", "used_by"])
            space.paired_at = now
            space.save(update_fields=["paired_at"])
            return space
    except IntegrityError:
        raise InviteError("already_member", _("You're already in this space."), 409) from None


@transaction.atomic
def leave_space(membership: Membership) -> None:
    """Leave at once and silently: no message to the partner, nothing of yours stays visible."""
    if membership.left_at is not None:
        return
    membership.left_at = timezone.now()
    membership.save(update_fields=["left_at"])
    Invite.objects.filter(space_id=membership.space_id, used_at__isnull=True).update(
        revoked_at=membership.left_at
    )


def update_space(space: Space, *, name: str, time_zone: str, romantic: bool) -> Space:
    space.name = name.strip()
    space.time_zone = time_zone
    space.romantic = romantic
    space.full_clean()
    space.save(update_fields=["name", "time_zone", "romantic"])
    return space
