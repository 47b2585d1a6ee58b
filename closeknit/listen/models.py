"""The Listen practice: a speaker/listener floor, in person or in writing.

Who may read what, and which step may follow which, is decided in ``services.py``; nothing
here is ever rendered directly.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from closeknit.couples.models import Space

TEXT_MAX = 1500  # what a speaker writes, a reflection, a correction, a reply
OWN_TOPIC_MAX = 200
TURN_MINUTES_MIN, TURN_MINUTES_MAX, TURN_MINUTES_DEFAULT = 1, 5, 2
UNDERSTOOD_MIN, UNDERSTOOD_MAX = 1, 7


class Level(models.IntegerChoices):
    LIGHT = 1, _("Light")
    MEANINGFUL = 2, _("Meaningful")
    TENDER = 3, _("Tender")


class Topic(models.Model):
    """A catalog topic. ``key`` is stable forever, so history survives wording edits."""

    key = models.SlugField(max_length=60, unique=True)
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    text = models.CharField(max_length=200)
    hint = models.CharField(max_length=200)
    position = models.PositiveIntegerField(default=0)  # order in the catalog file
    # A topic removed from the catalog is retired, never deleted: past sessions keep it.
    active = models.BooleanField(default=True)

    class Meta:
        indexes = [models.Index(fields=["level", "active", "position"])]

    def __str__(self) -> str:
        return self.text


class Pace(models.Model):
    """The deepest level of topics a space has reached (they start light)."""

    space = models.OneToOneField(Space, on_delete=models.CASCADE, related_name="listen_pace")
    level = models.PositiveSmallIntegerField(default=Level.LIGHT, choices=Level.choices)
    # Only sessions ended after this instant count towards the next level.
    changed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"level {self.level}"


class ListenSession(models.Model):
    """One listening session of a space; at most one is live at a time."""

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        IN_WRITING = "in_writing", _("In writing")

    class State(models.TextChoices):
        # In person: the floor waits for the speaker, who speaks; the listener summarises
        # aloud; the speaker confirms.
        WAITING = "waiting", _("The floor is open")
        SPEAKING = "speaking", _("Speaking")
        SUMMARISING = "summarising", _("Summarising")
        # In writing: the speaker writes; the listener reflects in writing; then a reply.
        WRITING = "writing", _("Writing")
        REFLECTING = "reflecting", _("Reflecting")
        RESPONDING = "responding", _("Replying")
        # Both: the speaker says whether the listener got it.
        CONFIRMING = "confirming", _("Confirming")
        ENDED = "ended", _("Ended")

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="listen_sessions")
    mode = models.CharField(max_length=12, choices=Mode.choices)
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    own_topic = models.CharField(max_length=OWN_TOPIC_MAX, blank=True)
    # The topic's level when chosen; empty for the couple's own topic.
    level = models.PositiveSmallIntegerField(null=True, blank=True, choices=Level.choices)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    state = models.CharField(max_length=12, choices=State.choices)
    turn_minutes = models.PositiveSmallIntegerField(
        default=TURN_MINUTES_DEFAULT,
        validators=[MinValueValidator(TURN_MINUTES_MIN), MaxValueValidator(TURN_MINUTES_MAX)],
    )
    # Bumped on every shared change, so a polling phone can ask "anything new?" cheaply.
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    # The space's local date, set when a session ends with at least one confirmed turn.
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["space"],
                condition=Q(ended_at__isnull=True),
                name="one_live_listen_session_per_space",
            ),
            models.CheckConstraint(
                condition=Q(turn_minutes__gte=TURN_MINUTES_MIN)
                & Q(turn_minutes__lte=TURN_MINUTES_MAX),
                name="listen_turn_minutes_in_range",
            ),
        ]
        indexes = [
            models.Index(fields=["space", "-created_at"]),
            models.Index(fields=["space", "completed_on"]),
        ]

    def __str__(self) -> str:
        # Never the topic or any words: this string can end up in logs and the admin.
        return f"listen session {self.pk}"

    @property
    def live(self) -> bool:
        return self.ended_at is None

    @property
    def topic_text(self) -> str:
        return self.own_topic or (self.topic.text if self.topic else "")


class Turn(models.Model):
    """One turn at the floor: who speaks, who listens, and whether the speaker said "yes"."""

    session = models.ForeignKey(ListenSession, on_delete=models.CASCADE, related_name="turns")
    number = models.PositiveSmallIntegerField()
    speaker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    listener = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    floor_taken_at = models.DateTimeField(null=True, blank=True)  # the timer's start
    attempts = models.PositiveSmallIntegerField(default=0)  # "not quite" / "partly" so far
    confirmed_at = models.DateTimeField(null=True, blank=True)  # the speaker said "yes"
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="one_turn_number")
        ]

    def __str__(self) -> str:
        return f"turn {self.number} of {self.session_id}"


class Entry(models.Model):
    """Words written in a turn (in writing): what was said, reflected, corrected, replied."""

    class Kind(models.TextChoices):
        STATEMENT = "statement", _("What was said")
        REFLECTION = "reflection", _("What was heard")
        CORRECTION = "correction", _("A correction")
        REPLY = "reply", _("A reply")

    turn = models.ForeignKey(Turn, on_delete=models.CASCADE, related_name="entries")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = models.TextField(max_length=TEXT_MAX)
    # Reflections only: the coach's assessment at save time ({"flags", "strengths", "hints"}).
    # Private to the author, like every coach note.
    coach = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["author", "kind", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"


class Rating(models.Model):
    """A participant's private answer to "How understood did you feel?" (1–7)."""

    session = models.ForeignKey(ListenSession, on_delete=models.CASCADE, related_name="ratings")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    understood = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(UNDERSTOOD_MIN), MaxValueValidator(UNDERSTOOD_MAX)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="one_rating_per_person"),
            models.CheckConstraint(
                condition=Q(understood__gte=UNDERSTOOD_MIN) & Q(understood__lte=UNDERSTOOD_MAX),
                name="listen_understood_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"rating {self.pk}"
