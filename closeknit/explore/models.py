"""The Explore practice: a catalog of new, exciting things to do together.

Each person's marks are private (``services.py`` is the only reader, and it never hands one
partner's marks to the other); the space sees only the shortlist both want, the plans, and
the memory notes both may read.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from closeknit.couples.models import Space

TITLE_MAX = 60
DESCRIPTION_MAX = 240
ACCESSIBILITY_MAX = 240
NOTE_MAX = 1000
RATING_MIN, RATING_MAX = 1, 7
SCALE_MIN, SCALE_MAX = 1, 5


class Cost(models.TextChoices):
    FREE = "free", _("Free")
    LOW = "$", _("$ · a little")
    MID = "$$", _("$$ · a treat")
    HIGH = "$$$", _("$$$ · a splurge")


class Setting(models.TextChoices):
    HOME = "home", _("At home")
    OUTDOORS = "outdoors", _("Outdoors")
    OUT = "out", _("Out and about")
    TRAVEL = "travel", _("A trip")


class Energy(models.TextChoices):
    CALM = "calm", _("Calm")
    ACTIVE = "active", _("Active")


class BestTime(models.TextChoices):
    ANY = "any", _("Any time")
    EVENING = "evening", _("An evening")
    DAYTIME = "daytime", _("Daytime")
    WEEKEND = "weekend", _("A weekend")


class Season(models.TextChoices):
    ANY = "any", _("All year")
    WARM = "warm", _("Warm weather")
    COLD = "cold", _("Cold weather")


class Tag(models.Model):
    slug = models.SlugField(max_length=30, unique=True)
    label = models.CharField(max_length=60)

    def __str__(self) -> str:
        return self.label


class Activity(models.Model):
    """Something to do together: from the catalog (``key`` set) or added by one space."""

    # Stable forever for catalog activities; empty for a space's own.
    key = models.SlugField(max_length=60, blank=True)
    # Set for a space's own activity: only that space ever sees it.
    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, null=True, blank=True, related_name="explore_activities"
    )
    # Kept for the creator's own export; never shown to the partner.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField(max_length=TITLE_MAX)
    description = models.CharField(max_length=DESCRIPTION_MAX)
    excitement = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)]
    )
    novelty = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)]
    )
    cost = models.CharField(max_length=4, choices=Cost.choices)
    minutes = models.PositiveIntegerField(validators=[MinValueValidator(5)])
    setting = models.CharField(max_length=10, choices=Setting.choices)
    energy = models.CharField(max_length=10, choices=Energy.choices)
    best_time = models.CharField(max_length=10, choices=BestTime.choices, default=BestTime.ANY)
    season = models.CharField(max_length=10, choices=Season.choices, default=Season.ANY)
    tags = models.JSONField(default=list, blank=True)  # tag slugs, in catalog order
    accessibility = models.CharField(max_length=ACCESSIBILITY_MAX, blank=True)
    # A catalog activity removed from the file is retired, never deleted: plans keep it.
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = _("activities")
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=~Q(key=""), name="explore_unique_catalog_key"
            ),
            models.CheckConstraint(
                condition=~Q(key="") | Q(space__isnull=False),
                name="explore_custom_activity_has_space",
            ),
        ]
        indexes = [models.Index(fields=["space", "active"])]

    def __str__(self) -> str:
        return self.title

    @property
    def custom(self) -> bool:
        return self.space_id is not None


class Mark(models.Model):
    """One person's private marks on one activity, for one space."""

    class Interest(models.TextChoices):
        WANT = "want", _("Want to")
        MAYBE = "maybe", _("Maybe")
        NO = "no", _("Not for me")

    class Newness(models.TextChoices):
        NEW = "new", _("New to me")
        DONE = "done", _("Done before")

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="marks")
    interest = models.CharField(max_length=8, choices=Interest.choices, blank=True)
    newness = models.CharField(max_length=8, choices=Newness.choices, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["space", "user", "activity"], name="explore_one_mark_per_person"
            )
        ]
        indexes = [models.Index(fields=["space", "user"])]

    def __str__(self) -> str:
        # Never the marks themselves: this string can end up in logs and the admin.
        return f"mark {self.pk}"


class Plan(models.Model):
    """An activity the space put in the calendar. Both partners see it."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="explore_plans")
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The calendar event's UID: stable across moves, so calendar apps update, not duplicate.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    # Bumped on every move, as iCalendar's SEQUENCE asks.
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set when the first afterwards-rating arrives: the plan happened.
    done_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["space", "starts_at"]),
            models.Index(fields=["space", "done_at"]),
        ]

    def __str__(self) -> str:
        return f"plan {self.pk}"

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


class Rating(models.Model):
    """Afterwards: how close and how new it felt (private numbers), and a shared memory note."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="ratings")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    closeness = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(RATING_MIN), MaxValueValidator(RATING_MAX)]
    )
    excitement = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(RATING_MIN), MaxValueValidator(RATING_MAX)]
    )
    note = models.TextField(max_length=NOTE_MAX, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "author"], name="explore_one_rating_per_person")
        ]

    def __str__(self) -> str:
        return f"rating {self.pk}"


class CalendarFeed(models.Model):
    """A person's private calendar subscription for one space. Only a hash of the token is kept."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["space", "user", "revoked_at"])]

    def __str__(self) -> str:
        return f"calendar feed {self.pk}"
