from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from closeknit.accounts.models import validate_time_zone

SPACE_SIZE = 2
SPACE_NAME_MAX = 60


def new_public_id() -> str:
    # 16 url-safe characters (96 bits): space URLs cannot be enumerated or guessed.
    return secrets.token_urlsafe(12)


class Space(models.Model):
    """A private space of exactly two people."""

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    name = models.CharField(_("name"), max_length=SPACE_NAME_MAX, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    # A space of two friends or family rather than partners: the desire practice is off.
    romantic = models.BooleanField(_("we're a couple"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the second person joins. A space that was ever paired never takes a new
    # member: the one who stayed wrote for someone else.
    paired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("space")

    def __str__(self) -> str:
        return self.name or str(_("Our space"))


class Membership(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    # Leaving is a soft state so a leaver's rows stay theirs to export or delete, while
    # access.py hides them from the partner at once.
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["space", "user"],
                condition=Q(left_at__isnull=True),
                name="one_active_membership_per_person_and_space",
            )
        ]
        indexes = [models.Index(fields=["user", "left_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.space_id}"

    @property
    def active(self) -> bool:
        return self.left_at is None


class Invite(models.Model):
    """A single-use way into a space: a long link token and a short code, both hashed."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="invites")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"invite to {self.space_id}"
