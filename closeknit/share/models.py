"""The Share practice: daily prompts on a depth ladder, share-first posts, responses.

Who may read what is decided in ``services.py``; nothing here is ever rendered directly.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from closeknit.couples.models import Space

ANSWER_MAX = 2000
REPLY_MAX = 1000
MIN_DEPTH, MAX_DEPTH = 1, 5


class Topic(models.Model):
    slug = models.SlugField(max_length=40, unique=True)
    label = models.CharField(max_length=60)

    def __str__(self) -> str:
        return self.label


class Prompt(models.Model):
    """A catalog prompt. ``key`` is stable forever, so history survives wording edits."""

    class Kind(models.TextChoices):
        FACT = "fact", _("a story")
        FEELING = "feeling", _("a feeling")

    key = models.SlugField(max_length=60, unique=True)
    depth = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(MIN_DEPTH), MaxValueValidator(MAX_DEPTH)]
    )
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="prompts")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.CharField(max_length=240)
    # A prompt removed from the catalog is retired, never deleted: old answers keep it.
    active = models.BooleanField(default=True)

    class Meta:
        indexes = [models.Index(fields=["depth", "active"])]

    def __str__(self) -> str:
        return self.text


class Pace(models.Model):
    """Where a space stands on the depth ladder."""

    space = models.OneToOneField(Space, on_delete=models.CASCADE, related_name="share_pace")
    depth = models.PositiveSmallIntegerField(default=MIN_DEPTH)
    # Only prompts given after this instant count towards the next rise.
    changed_at = models.DateTimeField(auto_now_add=True)
    stepped_back_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"depth {self.depth}"


class DailyPrompt(models.Model):
    """The one prompt a space has on one local day, the same for both partners."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="daily_prompts")
    date = models.DateField()
    prompt = models.ForeignKey(Prompt, on_delete=models.PROTECT, related_name="+")
    depth = models.PositiveSmallIntegerField()
    first = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    swapped_from = models.ForeignKey(
        Prompt, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revealed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["space", "date"], name="one_prompt_per_space_and_day")
        ]
        indexes = [models.Index(fields=["space", "-date"])]

    def __str__(self) -> str:
        return f"{self.space_id} {self.date}"

    @property
    def revealed(self) -> bool:
        return self.revealed_at is not None


class Answer(models.Model):
    class DepthRating(models.TextChoices):
        TOO_LIGHT = "too_light", _("Too light")
        JUST_RIGHT = "just_right", _("Just right")
        TOO_MUCH = "too_much", _("Too much")

    daily = models.ForeignKey(DailyPrompt, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(max_length=ANSWER_MAX, blank=True)
    in_person = models.BooleanField(default=False)
    depth_rating = models.CharField(max_length=12, choices=DepthRating.choices, blank=True)
    # The author's private rating of how understood they felt by their partner's response.
    understood = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["daily", "author"], name="one_answer_per_person_and_day"
            )
        ]

    def __str__(self) -> str:
        # Never the text: this string can end up in logs and the admin.
        return f"answer {self.pk}"


class Post(models.Model):
    """Something shared first, without waiting for a prompt: visible to the partner at once."""

    class Kind(models.TextChoices):
        TODAY = "today", _("Something from today")
        HELD_BACK = "held_back", _("Something I've held back")
        WIN = "win", _("A win")

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="share_posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = models.TextField(max_length=ANSWER_MAX)
    understood = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["space", "-created_at"])]

    def __str__(self) -> str:
        return f"post {self.pk}"


class Response(models.Model):
    """A partner's response to an answer or a post: a reaction and optional words."""

    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, null=True, blank=True, related_name="responses"
    )
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, null=True, blank=True, related_name="responses"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reaction = models.CharField(max_length=20)
    text = models.TextField(max_length=REPLY_MAX, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(answer__isnull=False, post__isnull=True)
                | Q(answer__isnull=True, post__isnull=False),
                name="response_has_one_target",
            ),
            models.UniqueConstraint(
                fields=["answer", "author"],
                condition=Q(answer__isnull=False),
                name="one_response_per_answer",
            ),
            models.UniqueConstraint(
                fields=["post", "author"],
                condition=Q(post__isnull=False),
                name="one_response_per_post",
            ),
        ]

    def __str__(self) -> str:
        return f"response {self.pk}"

    def get_reaction_label(self) -> str:
        from closeknit.share.reactions import label

        return label(self.reaction)
