"""The rules of the Listen practice.

A session belongs to a space; both partners see it. One partner holds the floor (the speaker),
the other listens, and the order of steps is a state machine enforced here, with every
transition written out in ``TRANSITIONS``:

In person (the phone is the floor; the words are spoken, never stored)::

    waiting --take_floor (speaker)--> speaking --done_speaking (speaker)--> summarising
    summarising --summarised (listener)--> confirming
    confirming --not_quite (speaker)--> summarising          (the listener tries again)
    confirming --yes (speaker)--> waiting, next turn          (the floor passes)

In writing::

    writing --send (speaker, words)--> reflecting
    reflecting --reflect (listener, a reflection)--> confirming
    confirming --partly (speaker, a correction)--> reflecting  (the listener reflects again)
    confirming --yes (speaker)--> responding
    responding --reply (listener, words)--> writing, next turn (the floor passes)
    responding --take_floor (listener)--> writing, next turn

Either partner may end a live session at any step; then each privately rates "How understood
did you feel?" (1–7). A step that is not open, or not this person's to take, raises
``ListenError`` with status 409 and a message that says why; bad input raises status 400.

Levels: sessions start light. The next level of topics is offered once three sessions at the
current level, with a catalog topic, ended with everyone who was understood (said "yes" to a
reflection) rating 5 or more. Lighter levels stay open; the couple's own topic is always open
and does not count towards the next level.

Every read of a partner's words goes through ``session_view``; ratings and coach notes are read
only for their owner (here, and in ``history.py`` for past sessions and your listening summary).
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from closeknit.accounts.models import User
from closeknit.core.timeutil import local_today
from closeknit.couples import access
from closeknit.couples.models import Space
from closeknit.listen import coach
from closeknit.listen.models import (
    OWN_TOPIC_MAX,
    TEXT_MAX,
    TURN_MINUTES_DEFAULT,
    TURN_MINUTES_MAX,
    TURN_MINUTES_MIN,
    UNDERSTOOD_MAX,
    UNDERSTOOD_MIN,
    Entry,
    Level,
    ListenSession,
    Pace,
    Rating,
    Topic,
    Turn,
)

Mode = ListenSession.Mode
State = ListenSession.State

RISE_AFTER = 3  # sessions at a level in which the speakers felt understood
FELT_UNDERSTOOD = 5  # a rating at or above this counts as "felt understood"


class ListenError(Exception):
    def __init__(self, code: str, message: str | Promise, status: int = 400) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.status = status


# The state machine

SPEAKER, LISTENER = "speaker", "listener"
NEXT_TURN = "next_turn"

TAKE_FLOOR = "take_floor"
DONE_SPEAKING = "done_speaking"
SUMMARISED = "summarised"
YES = "yes"
NOT_QUITE = "not_quite"
SEND = "send"
REFLECT = "reflect"
PARTLY = "partly"
REPLY = "reply"
ACTIONS = (TAKE_FLOOR, DONE_SPEAKING, SUMMARISED, YES, NOT_QUITE, SEND, REFLECT, PARTLY, REPLY)


@dataclass(frozen=True)
class Rule:
    actor: str  # SPEAKER or LISTENER of the current turn
    to: str  # the next state, or NEXT_TURN: the floor passes
    writes: str | None = None  # the kind of words this step saves


_P, _W = Mode.IN_PERSON, Mode.IN_WRITING
TRANSITIONS: dict[tuple[str, str, str], Rule] = {
    (_P, State.WAITING, TAKE_FLOOR): Rule(SPEAKER, State.SPEAKING),
    (_P, State.SPEAKING, DONE_SPEAKING): Rule(SPEAKER, State.SUMMARISING),
    (_P, State.SUMMARISING, SUMMARISED): Rule(LISTENER, State.CONFIRMING),
    (_P, State.CONFIRMING, NOT_QUITE): Rule(SPEAKER, State.SUMMARISING),
    (_P, State.CONFIRMING, YES): Rule(SPEAKER, NEXT_TURN),
    (_W, State.WRITING, SEND): Rule(SPEAKER, State.REFLECTING, Entry.Kind.STATEMENT),
    (_W, State.REFLECTING, REFLECT): Rule(LISTENER, State.CONFIRMING, Entry.Kind.REFLECTION),
    (_W, State.CONFIRMING, PARTLY): Rule(SPEAKER, State.REFLECTING, Entry.Kind.CORRECTION),
    (_W, State.CONFIRMING, YES): Rule(SPEAKER, State.RESPONDING),
    (_W, State.RESPONDING, REPLY): Rule(LISTENER, NEXT_TURN, Entry.Kind.REPLY),
    (_W, State.RESPONDING, TAKE_FLOOR): Rule(LISTENER, NEXT_TURN),
}
# Whose step each live state waits for.
AWAITS: dict[str, str] = {
    State.WAITING: SPEAKER,
    State.SPEAKING: SPEAKER,
    State.SUMMARISING: LISTENER,
    State.CONFIRMING: SPEAKER,
    State.WRITING: SPEAKER,
    State.REFLECTING: LISTENER,
    State.RESPONDING: LISTENER,
}
FIRST_STATE: dict[str, str] = {_P: State.WAITING, _W: State.WRITING}


def _out_of_order(session: ListenSession, action: str) -> Promise:
    """Why ``action`` is not open in this session's state, in the words of the practice."""
    in_writing = session.mode == _W
    if not any(mode == session.mode and act == action for mode, _s, act in TRANSITIONS):
        if in_writing:
            return _("That step belongs to a session in person; this one is in writing.")
        return _("That step belongs to a session in writing; this one is in person.")
    if action in (REPLY, TAKE_FLOOR) and in_writing:
        return _("You can reply or take the floor once your partner says you got it right.")
    if action == REFLECT:
        if session.state == State.WRITING:
            return _("There's nothing to reflect yet: your partner hasn't sent their words.")
        return _("Your reflection is with your partner. Wait for their answer.")
    if action in (YES, NOT_QUITE, PARTLY):
        return _("There's nothing to confirm yet: the listener hasn't reflected.")
    if action == SEND:
        return _("Your words are sent. Next, your partner reflects what they heard.")
    if action == SUMMARISED:
        return _("The speaker still has the floor. Summarise when they've finished.")
    if action == DONE_SPEAKING:
        return _("Take the floor first, then say when you've finished.")
    return _("The floor has moved on since this page was loaded.")


def _check_text(text: Any, limit: int = TEXT_MAX) -> str:
    text = str(text or "").strip()
    if not text:
        raise ListenError("empty", _("Write a few words first."))
    if len(text) > limit:
        raise ListenError(
            "too_long", _("Please keep it under %(limit)s characters.") % {"limit": f"{limit:,}"}
        )
    return text


def current_turn(session: ListenSession) -> Turn:
    turn = Turn.objects.filter(session=session).order_by("-number").first()
    if turn is None:  # a session always starts with its first turn
        raise ListenError("no_turn", _("This session has no turns."), 409)
    return turn


def _speaker_words(turn: Turn) -> str:
    """What the speaker said in this turn, corrections included: what a reflection reflects."""
    kinds = (Entry.Kind.STATEMENT, Entry.Kind.CORRECTION)
    return "\n".join(
        Entry.objects.filter(turn=turn, kind__in=kinds, author_id=turn.speaker_id)
        .order_by("created_at", "pk")
        .values_list("text", flat=True)
    )


@dataclass
class Step:
    """The result of one transition."""

    session: ListenSession
    turn: Turn
    entry: Entry | None = None
    passed: bool = False  # the floor passed to the other partner


def act(
    session: ListenSession,
    user: User,
    action: str,
    text: str = "",
    *,
    now: dt.datetime | None = None,
) -> Step:
    """Take one step of the floor, if it is open and it is ``user``'s to take."""
    if action not in ACTIONS:
        raise ListenError("bad_action", _("That isn't a step of this practice."))
    now = now or timezone.now()
    with transaction.atomic():
        # The lock serialises the two phones: a double tap or a race meets the new state.
        locked = ListenSession.objects.select_for_update().get(pk=session.pk)
        if locked.ended_at is not None:
            raise ListenError("ended", _("This session has ended."), 409)
        turn = current_turn(locked)
        rule = TRANSITIONS.get((locked.mode, locked.state, action))
        if rule is None:
            raise ListenError("out_of_order", _out_of_order(locked, action), 409)
        actor_id = turn.speaker_id if rule.actor == SPEAKER else turn.listener_id
        if user.pk != actor_id:
            raise ListenError("not_yours", _("This step is your partner's to take."), 409)
        members = access.active_member_ids(locked.space)
        if turn.speaker_id not in members or turn.listener_id not in members:
            raise ListenError(
                "alone", _("Your partner has left this space, so this session can only end."), 409
            )
        entry = None
        if rule.writes:
            words = _check_text(text)
            notes: dict[str, Any] = {}
            if rule.writes == Entry.Kind.REFLECTION:
                notes = coach.assess(_speaker_words(turn), words).stored()
            entry = Entry.objects.create(
                turn=turn, author=user, kind=rule.writes, text=words, coach=notes
            )
        if action == TAKE_FLOOR and locked.mode == _P:
            turn.floor_taken_at = now
        if action == YES:
            turn.confirmed_at = now
        if action in (NOT_QUITE, PARTLY):
            turn.attempts += 1
        turn.save(update_fields=["floor_taken_at", "confirmed_at", "attempts"])
        step = Step(session=locked, turn=turn, entry=entry)
        if rule.to == NEXT_TURN:
            step.turn = Turn.objects.create(
                session=locked,
                number=turn.number + 1,
                speaker_id=turn.listener_id,
                listener_id=turn.speaker_id,
            )
            step.passed = True
            locked.state = FIRST_STATE[locked.mode]
        else:
            locked.state = rule.to
        locked.version += 1
        locked.save(update_fields=["state", "version"])
    session.state, session.version = locked.state, locked.version
    return step


def awaits(session: ListenSession, turn: Turn, user: User) -> bool:
    """Whether the live session waits on ``user``'s step."""
    role = AWAITS.get(session.state)
    if role is None:
        return False
    return (turn.speaker_id if role == SPEAKER else turn.listener_id) == user.pk


def _check_minutes(value: Any) -> int:
    try:
        minutes = int(value)
    except (TypeError, ValueError):
        minutes = 0
    if not TURN_MINUTES_MIN <= minutes <= TURN_MINUTES_MAX:
        raise ListenError(
            "bad_minutes",
            _("Choose a turn of %(low)s to %(high)s minutes.")
            % {"low": TURN_MINUTES_MIN, "high": TURN_MINUTES_MAX},
        )
    return minutes


def set_turn_minutes(session: ListenSession, user: User, minutes: Any) -> ListenSession:
    """Either partner may change the turn length of a live session in person."""
    value = _check_minutes(minutes)
    with transaction.atomic():
        locked = ListenSession.objects.select_for_update().get(pk=session.pk)
        if locked.ended_at is not None:
            raise ListenError("ended", _("This session has ended."), 409)
        if locked.mode != _P:
            raise ListenError(
                "no_timer", _("Sessions in writing have no timer: take the time you need."), 409
            )
        if locked.turn_minutes != value:
            locked.turn_minutes = value
            locked.version += 1
            locked.save(update_fields=["turn_minutes", "version"])
    return locked


def remaining_seconds(
    session: ListenSession, turn: Turn, now: dt.datetime | None = None
) -> int | None:
    """Seconds left on the speaker's turn while they hold the floor in person."""
    if session.state != State.SPEAKING or turn.floor_taken_at is None:
        return None
    elapsed = ((now or timezone.now()) - turn.floor_taken_at).total_seconds()
    return max(0, math.ceil(session.turn_minutes * 60 - elapsed))


def end(session: ListenSession, user: User, *, now: dt.datetime | None = None) -> ListenSession:
    """Either partner may end a live session at any step: stopping is always all right."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = ListenSession.objects.select_for_update().get(pk=session.pk)
        if locked.ended_at is not None:
            raise ListenError("ended", _("This session has already ended."), 409)
        locked.ended_at = now
        locked.state = State.ENDED
        if locked.turns.filter(confirmed_at__isnull=False).exists():
            locked.completed_on = local_today(locked.space.time_zone, now)
        locked.version += 1
        locked.save(update_fields=["ended_at", "state", "completed_on", "version"])
    return locked


# Starting: levels and topics


def pace_for(space: Space) -> Pace:
    pace, _created = Pace.objects.get_or_create(space=space)
    return pace


def open_levels(space: Space) -> list[int]:
    return list(range(Level.LIGHT, pace_for(space).level + 1))


def suggestions(space: Space, levels: list[int], *, offset: int = 0) -> dict[int, Topic]:
    """One topic per level: fresh ones first, then the longest unused; ``offset`` cycles."""
    pool: dict[int, list[Topic]] = {level: [] for level in levels}
    for topic in Topic.objects.filter(level__in=levels, active=True).order_by("position", "pk"):
        pool[topic.level].append(topic)
    last_used: dict[int, dt.datetime] = {}
    for topic_id, created in ListenSession.objects.filter(
        space=space, topic__isnull=False
    ).values_list("topic_id", "created_at"):
        last_used[topic_id] = max(created, last_used.get(topic_id, created))
    chosen: dict[int, Topic] = {}
    for level, topics in pool.items():
        if not topics:
            continue
        fresh = [t for t in topics if t.pk not in last_used]
        if fresh:
            # Stable until a session starts, different for every couple.
            random.Random(f"{space.public_id}:{level}:{len(last_used)}").shuffle(fresh)
            chosen[level] = fresh[offset % len(fresh)]
        else:
            ordered = sorted(topics, key=lambda t: (last_used[t.pk], t.position))
            chosen[level] = ordered[offset % len(ordered)]
    return chosen


def suggest(space: Space, level: int | None = None) -> Topic | None:
    level = level or pace_for(space).level
    return suggestions(space, [level]).get(level)


def live_session(space: Space) -> ListenSession | None:
    return (
        ListenSession.objects.select_related("topic")
        .filter(space=space, ended_at__isnull=True)
        .first()
    )


def start(
    space: Space,
    user: User,
    *,
    mode: str,
    topic_key: str = "",
    own_topic: str = "",
    partner_first: bool = False,
    turn_minutes: Any = TURN_MINUTES_DEFAULT,
) -> ListenSession:
    """Start a session: a catalog topic from an open level, or the couple's own topic."""
    partner = access.partner_of(space, user)
    if partner is None:
        raise ListenError("no_partner", _("Listening takes two: invite your partner first."), 409)
    if mode not in Mode.values:
        raise ListenError("bad_mode", _("Choose in person or in writing."))
    minutes = _check_minutes(turn_minutes)
    own = str(own_topic or "").strip()
    topic: Topic | None = None
    if own:
        if len(own) > OWN_TOPIC_MAX:
            raise ListenError(
                "too_long",
                _("Please keep your topic under %(limit)s characters.") % {"limit": OWN_TOPIC_MAX},
            )
    else:
        topic = Topic.objects.filter(key=str(topic_key or "")[:60], active=True).first()
        if topic is None:
            raise ListenError("no_topic", _("Choose a topic, or write your own."))
        if topic.level > pace_for(space).level:
            raise ListenError(
                "level_closed",
                _("That level opens after a few sessions in which you both felt understood."),
                409,
            )
    speaker, listener = (partner, user) if partner_first else (user, partner)
    try:
        with transaction.atomic():
            session = ListenSession.objects.create(
                space=space,
                mode=mode,
                topic=topic,
                own_topic=own,
                level=topic.level if topic else None,
                started_by=user,
                state=FIRST_STATE[mode],
                turn_minutes=minutes,
            )
            Turn.objects.create(session=session, number=1, speaker=speaker, listener=listener)
    except IntegrityError:
        # The partner started one at the same instant: theirs stands.
        raise ListenError(
            "already_live",
            _("You already have a session going. Carry on with it, or end it first."),
            409,
        ) from None
    return session


# Rating and the pace of levels


def _check_understood(value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if not UNDERSTOOD_MIN <= number <= UNDERSTOOD_MAX:
        raise ListenError("bad_understood", _("Choose a number from 1 to 7."))
    return number


@dataclass
class Rated:
    rating: Rating
    level_opened: int | None  # the level that this rating opened, if it did


def rate(session: ListenSession, user: User, value: Any) -> Rated:
    """The private 1–7 at the end: how understood did you feel? It can be changed."""
    number = _check_understood(value)
    if session.ended_at is None:
        raise ListenError(
            "not_ended", _("You can say how understood you felt once the session has ended."), 409
        )
    rating, created = Rating.objects.get_or_create(
        session=session, person=user, defaults={"understood": number}
    )
    if not created and rating.understood != number:
        rating.understood = number
        rating.save(update_fields=["understood"])
    return Rated(rating=rating, level_opened=_maybe_open_next_level(session.space))


@transaction.atomic
def _maybe_open_next_level(space: Space) -> int | None:
    pace = Pace.objects.select_for_update().get(pk=pace_for(space).pk)
    if pace.level >= Level.TENDER:
        return None
    understood_turns = Turn.objects.filter(confirmed_at__isnull=False)
    sessions = ListenSession.objects.filter(
        space=space,
        level=pace.level,
        completed_on__isnull=False,
        ended_at__gt=pace.changed_at,
    ).prefetch_related("ratings", Prefetch("turns", queryset=understood_turns))
    counted = 0
    for session in sessions:
        speakers = {t.speaker_id for t in session.turns.all() if t.speaker_id}
        ratings = {r.person_id: r.understood for r in session.ratings.all()}
        # Everyone who spoke must have said so: the level never opens on one person's say-so.
        if speakers and all(ratings.get(p, 0) >= FELT_UNDERSTOOD for p in speakers):
            counted += 1
    if counted < RISE_AFTER:
        return None
    pace.level += 1
    pace.changed_at = timezone.now()
    pace.save(update_fields=["level", "changed_at"])
    return pace.level


# Reading: the only way a partner's words leave the database.


def get_session(space: Space, session_id: Any) -> ListenSession:
    try:
        pk = int(session_id)
    except (TypeError, ValueError):
        raise Http404 from None
    session = ListenSession.objects.select_related("topic", "space").filter(space=space, pk=pk)
    found = session.first()
    if found is None:
        raise Http404
    return found


@dataclass
class EntryView:
    entry: Entry
    mine: bool
    notes: coach.Notes | None = None  # the coach's notes, on the viewer's own reflections only


@dataclass
class TurnView:
    turn: Turn
    i_speak: bool
    entries: list[EntryView] = field(default_factory=list)


@dataclass
class SessionView:
    session: ListenSession
    turns: list[TurnView]
    i_speak: bool  # in the current turn
    my_step: bool  # the live session waits on the viewer
    my_rating: Rating | None
    remaining: int | None  # seconds left on the in-person turn timer

    @property
    def current(self) -> TurnView:
        return self.turns[-1]

    @property
    def state(self) -> str:
        return self.session.state

    @property
    def live(self) -> bool:
        return self.session.live

    @property
    def in_person(self) -> bool:
        return self.session.mode == Mode.IN_PERSON

    @property
    def poll(self) -> bool:
        """Keep this phone current while live, but never swap a form the viewer is filling."""
        return self.live and (self.in_person or not self.my_step)

    @property
    def remaining_display(self) -> str:
        """The time left as m:ss, for the page without JS (the script counts it down)."""
        if self.remaining is None:
            return ""
        return f"{self.remaining // 60}:{self.remaining % 60:02d}"

    @property
    def confirmed_turns(self) -> int:
        return sum(1 for t in self.turns if t.turn.confirmed_at is not None)

    @property
    def speaker_text(self) -> str:
        """The current speaker's words (with corrections), which the listener reflects."""
        kinds = (Entry.Kind.STATEMENT, Entry.Kind.CORRECTION)
        return "\n".join(
            e.entry.text
            for e in self.current.entries
            if e.entry.kind in kinds and e.entry.author_id == self.current.turn.speaker_id
        )


def session_view(
    session: ListenSession, viewer: User, *, now: dt.datetime | None = None
) -> SessionView:
    """The session as ``viewer`` may see it: a leaver's words vanish; notes are the owner's."""
    fresh = ListenSession.objects.select_related("topic", "space").get(pk=session.pk)
    visible = access.visible_author_ids(fresh.space, viewer)
    turns = list(
        Turn.objects.filter(session=fresh)
        .order_by("number")
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=Entry.objects.filter(author_id__in=visible).order_by("created_at", "pk"),
            )
        )
    )
    turn_views = []
    for turn in turns:
        entries = []
        for entry in turn.entries.all():
            mine = entry.author_id == viewer.pk
            notes = None
            if mine and entry.kind == Entry.Kind.REFLECTION:
                notes = coach.translated(coach.notes_from(entry.coach))
            entries.append(EntryView(entry=entry, mine=mine, notes=notes))
        turn_views.append(
            TurnView(turn=turn, i_speak=turn.speaker_id == viewer.pk, entries=entries)
        )
    current = turns[-1]
    return SessionView(
        session=fresh,
        turns=turn_views,
        i_speak=current.speaker_id == viewer.pk,
        my_step=fresh.live and awaits(fresh, current, viewer),
        my_rating=Rating.objects.filter(session=fresh, person=viewer).first(),
        remaining=remaining_seconds(fresh, current, now),
    )


def coach_preview(session: ListenSession, user: User, draft: str) -> coach.Notes:
    """Live notes on the listener's draft reflection; only for the listener, only then."""
    if session.ended_at is not None:
        raise ListenError("ended", _("This session has ended."), 409)
    turn = current_turn(session)
    if session.state != State.REFLECTING or turn.listener_id != user.pk:
        raise ListenError("not_reflecting", _("The coach helps while you reflect."), 409)
    return coach.preview(_speaker_words(turn), str(draft or "")[: TEXT_MAX * 2])
