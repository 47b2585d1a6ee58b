"""The Appreciate practice: specific compliments to your partner, kept in their jar.

Who may read what is decided in ``services.py``; nothing here is ever rendered directly.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from closeknit.couples.models import Space

TEXT_MAX = 1000
REPLY_MAX = 500
QUALITY_MAX = 30


class Appreciation(models.Model):
    """One appreciation, written by one partner for the other.

    ``score`` and the quality rows are the coach's view at the moment of saving. The score is
    the author's alone: it is never shown to the one it was written for.
    """

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="appreciations")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField(max_length=TEXT_MAX)
    score = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    # The space's local day when it was written: Tonight's "done" and adherence read this.
    local_date = models.DateField()
    # Set by the recipient only, and private to them.
    favourite = models.BooleanField(default=False)
    # The recipient's reaction: a heart and optional words, seen by the author.
    heart = models.BooleanField(default=False)
    reply = models.TextField(max_length=REPLY_MAX, blank=True)
    reacted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["space", "recipient", "-created_at"]),
            models.Index(fields=["space", "author", "-created_at"]),
            models.Index(fields=["space", "author", "local_date"]),
        ]

    def __str__(self) -> str:
        # Never the text: this string can end up in logs and the admin.
        return f"appreciation {self.pk}"

    @property
    def quality_slugs(self) -> list[str]:
        """The praised qualities in the order the coach found them (prefetch ``quality_rows``)."""
        return [row.quality for row in sorted(self.quality_rows.all(), key=lambda r: r.position)]

    @property
    def quality_labels(self) -> list[str]:
        from closeknit.appreciate.qualities import label

        return [label(slug) for slug in self.quality_slugs]


class AppreciationQuality(models.Model):
    """A quality the coach found in an appreciation: one row each, so filters use an index."""

    appreciation = models.ForeignKey(
        Appreciation, on_delete=models.CASCADE, related_name="quality_rows"
    )
    quality = models.CharField(max_length=QUALITY_MAX)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["appreciation", "quality"], name="one_row_per_appreciation_and_quality"
            )
        ]
        indexes = [models.Index(fields=["quality", "appreciation"])]

    def __str__(self) -> str:
        return self.quality
