"""Check-ins: the daily closeness picture, questionnaires answered per period, and sharing.

Who may read what is decided in ``services.py``; a partner's check-ins are private unless
their author chose to share them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from closeknit.couples.models import Space

LEVELS = 7  # the daily pictures and the "felt understood" scale both run 1..7


class DailyCheckIn(models.Model):
    """One person's ten-second check-in for one local day (editable that day)."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    date = models.DateField()  # the person's local day
    # Which of the seven pictures of two circles fits today (1 apart … 7 almost one).
    closeness = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(LEVELS)]
    )
    understood = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(LEVELS)]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["space", "user", "date"], name="one_daily_check_in_per_person_and_day"
            ),
            models.CheckConstraint(
                condition=models.Q(closeness__gte=1, closeness__lte=LEVELS),
                name="daily_closeness_on_the_scale",
            ),
            models.CheckConstraint(
                condition=models.Q(understood__isnull=True)
                | models.Q(understood__gte=1, understood__lte=LEVELS),
                name="daily_understood_on_the_scale",
            ),
        ]

    def __str__(self) -> str:
        # Never the values: this string can end up in logs and the admin.
        return f"daily check-in {self.pk}"


class CheckIn(models.Model):
    """A questionnaire (an instrument, defined as YAML) answered once per period.

    ``period_start`` is the Monday of the ISO week for weekly instruments, the day for daily
    ones and a fixed date for instruments answered once. Scores are stored when saved so that
    Progress reads one row per period; the answers stay, item by item, for export and
    re-scoring.
    """

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    instrument = models.SlugField(max_length=60)
    version = models.PositiveIntegerField()
    period_start = models.DateField()
    total = models.FloatField(null=True, blank=True)
    subscales = models.JSONField(default=dict, blank=True)
    band = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["space", "user", "instrument", "period_start"],
                name="one_check_in_per_person_instrument_and_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument} check-in {self.pk}"


class Answer(models.Model):
    check_in = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="answers")
    item = models.CharField(max_length=60)
    value = models.SmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["check_in", "item"], name="one_answer_per_item")
        ]

    def __str__(self) -> str:
        return f"answer {self.pk}"


class Sharing(models.Model):
    """Whether a person lets their partner see their check-in series. Private by default."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    shares_series = models.BooleanField(default=False)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["space", "user"], name="one_sharing_choice_per_person")
        ]

    def __str__(self) -> str:
        return f"sharing {self.pk}"
