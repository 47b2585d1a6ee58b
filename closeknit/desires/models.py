"""The Desires practice: a tiered list of items each partner privately answers.

Who may learn what is decided in ``services.py``; nothing here is ever rendered directly.
An answer is stored only as a Fernet token (``crypto.py``): no column, index or length
reveals whether it is a yes, a curious or a no.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from closeknit.couples.models import Space

MIN_TIER, MAX_TIER = 1, 4
ITEM_TEXT_MAX = 120
TIER_VALIDATORS = [MinValueValidator(MIN_TIER), MaxValueValidator(MAX_TIER)]


class Tier(models.Model):
    """A step of the list (1 affection and sensuality … 4 adventurous), from the catalog."""

    number = models.PositiveSmallIntegerField(unique=True, validators=TIER_VALIDATORS)
    name = models.CharField(max_length=80)
    description = models.CharField(max_length=300)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Category(models.Model):
    slug = models.SlugField(max_length=40, unique=True)
    label = models.CharField(max_length=60)

    class Meta:
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.label


class Item(models.Model):
    """One thing to answer: a catalog item (``key``) or a space's own item (``space``).

    Catalog keys are stable forever, so answers survive wording edits. An item of a space
    carries its proposer's words; those words are the item, never an answer.
    """

    class Variant(models.TextChoices):
        GIVE = "give", _("giving")
        RECEIVE = "receive", _("receiving")

    key = models.SlugField(max_length=60, unique=True, null=True, blank=True)
    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    tier = models.PositiveSmallIntegerField(validators=TIER_VALIDATORS)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, null=True, blank=True, related_name="items"
    )
    # Catalog items only. A couple's own item keeps its words in ``sealed_text``, encrypted
    # like answers: proposing an item says something about the proposer.
    text = models.CharField(max_length=ITEM_TEXT_MAX, blank=True)
    sealed_text = models.TextField(blank=True)
    variant = models.CharField(max_length=8, choices=Variant.choices, blank=True)
    # The stem shared by the giving and receiving halves of a directional pair.
    pair = models.SlugField(max_length=60, blank=True)
    starters = models.JSONField(default=list, blank=True)
    # Catalog order: matches are listed in this order, never in an order that depends on answers.
    position = models.PositiveIntegerField(default=0)
    # An item removed from the catalog is retired, never deleted: answers keep pointing at it.
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    key__isnull=False, space__isnull=True, proposed_by__isnull=True, sealed_text=""
                )
                | Q(key__isnull=True, space__isnull=False, proposed_by__isnull=False, text="")
                & ~Q(sealed_text=""),
                name="desire_item_is_catalog_or_sealed_custom",
            )
        ]
        indexes = [
            models.Index(fields=["tier", "active", "position"]),
            models.Index(fields=["space", "tier"]),
        ]

    def __str__(self) -> str:
        # Custom items are a couple's own words: never in logs or the admin.
        return self.key or f"custom item {self.pk}"

    @property
    def custom(self) -> bool:
        return self.space_id is not None

    @property
    def counterpart_key(self) -> str | None:
        """The key of the other half of a directional pair."""
        if not self.pair or not self.variant:
            return None
        other = "receive" if self.variant == self.Variant.GIVE else "give"
        return f"{self.pair}-{other}"


class Participation(models.Model):
    """One person's own choice to do this practice in one space (18+ and wanting it)."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    adult_confirmed_at = models.DateTimeField(null=True, blank=True)
    # Null while off: never turned on, or turned off again.
    opted_in_at = models.DateTimeField(null=True, blank=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["space", "user"], name="one_desires_choice_per_person")
        ]

    def __str__(self) -> str:
        return f"participation {self.pk}"

    @property
    def on(self) -> bool:
        return self.opted_in_at is not None


class Pace(models.Model):
    """The highest tier open for the space: it rises at the pace of the slower partner."""

    space = models.OneToOneField(Space, on_delete=models.CASCADE, related_name="desires_pace")
    open_tier = models.PositiveSmallIntegerField(default=MIN_TIER, validators=TIER_VALIDATORS)
    opened_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"tier {self.open_tier}"


class TierChoice(models.Model):
    """One person's choices about one tier: ready for more, and "show our matches"."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    tier = models.PositiveSmallIntegerField(validators=TIER_VALIDATORS)
    ready_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["space", "user", "tier"], name="one_tier_choice_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"tier choice {self.pk}"


class Answer(models.Model):
    """A person's answer to an item, as a Fernet token bound to this row.

    The token's plaintext is ``crypto.seal``'s fixed-shape string: its length is the same
    for yes, curious and no. There is deliberately no plaintext column and no index on it.
    """

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="answers")
    token = models.TextField()
    # The space's local date of the latest save: adherence counts these days.
    answered_at = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["space", "user", "item"], name="one_desire_answer_per_item"
            )
        ]
        indexes = [models.Index(fields=["space", "user", "answered_at"])]

    def __str__(self) -> str:
        # Never the value: this string can end up in logs.
        return f"answer {self.pk}"
