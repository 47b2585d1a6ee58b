from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from closeknit.core.timeutil import is_valid_time_zone, local_today

DISPLAY_NAME_MAX = 40
PRONOUNS_MAX = 30


def validate_time_zone(value: str) -> None:
    if not is_valid_time_zone(value):
        raise ValidationError(_("“%(value)s” is not a time zone we know."), params={"value": value})


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=normalize_email(email), **extra)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=normalize_email(username or ""))


def normalize_email(email: str) -> str:
    """Emails compare case-insensitively: store them lower-cased and trimmed."""
    return email.strip().lower()


class Safety(models.TextChoices):
    SAFE = "safe", _("Yes, I feel safe")
    UNSURE = "unsure", _("I'm not sure")
    UNSAFE = "unsafe", _("No, not always")


class User(AbstractBaseUser, PermissionsMixin):
    """A person. They log in with their email; everything else is theirs to set."""

    email = models.EmailField(_("email"), unique=True, max_length=254)
    display_name = models.CharField(_("name"), max_length=DISPLAY_NAME_MAX, blank=True)
    pronouns = models.CharField(_("pronouns"), max_length=PRONOUNS_MAX, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    # Practices this person turned off. Stored as an opt-out so a practice that lands later
    # is offered to everyone without a data migration; sensitive practices add their own
    # explicit opt-in on top.
    practices_off = models.JSONField(default=list, blank=True)
    reminder_time = models.TimeField(_("evening reminder"), null=True, blank=True)
    # The private safety check (DESIGN.md, principle 2). Never shown to anyone else; anything
    # but "safe" turns the joint practices off for this person, without a word to the partner.
    safety = models.CharField(max_length=10, choices=Safety.choices, blank=True)
    onboarded_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.display_name or self.email.split("@", 1)[0]

    def clean(self) -> None:
        super().clean()
        self.email = normalize_email(self.email)

    def today(self) -> dt.date:
        return local_today(self.time_zone)

    def wants(self, practice_slug: str) -> bool:
        return practice_slug not in (self.practices_off or [])
