"""The rules of the Share practice.

* One prompt per space per local day, the same for both, from the space's depth, never
  repeated until that depth's pool is used up; either partner may swap it once, before anyone
  answers.
* A partner's answer is withheld until both have answered; the reveal happens exactly once
  (the day's row is locked while an answer is saved).
* Depth rises one level only when both rated the last three prompts at this depth "just right"
  or "too light"; either partner may step back at any time.
* Share-first posts are visible to the partner at once.

Every read of a partner's words goes through ``daily_view``, ``post_view`` or ``timeline``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from closeknit.accounts.models import User
from closeknit.core.timeutil import local_today
from closeknit.couples import access
from closeknit.couples.models import Membership, Space
from closeknit.share import reactions, signals
from closeknit.share.models import (
    ANSWER_MAX,
    MAX_DEPTH,
    MIN_DEPTH,
    REPLY_MAX,
    Answer,
    DailyPrompt,
    Pace,
    Post,
    Prompt,
    Response,
)

RISE_AFTER = 3  # prompts at a depth that both found light enough
WAITING_DAYS = 14  # how far back an unanswered prompt still invites an answer
PAGE_SIZE = 20
EASY_ENOUGH = {Answer.DepthRating.TOO_LIGHT, Answer.DepthRating.JUST_RIGHT}


class ShareError(Exception):
    def __init__(self, code: str, message: str | Promise, status: int = 400) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.status = status


# The day's prompt


def pace_for(space: Space) -> Pace:
    pace, _created = Pace.objects.get_or_create(space=space)
    return pace


def _first_for(space: Space, date: dt.date) -> User | None:
    members = list(
        Membership.objects.filter(space=space, left_at__isnull=True)
        .order_by("joined_at", "pk")
        .select_related("user")
    )
    if not members:
        return None
    return members[date.toordinal() % len(members)].user


def _used_prompt_ids(space: Space) -> set[int]:
    used: set[int] = set()
    for prompt_id, swapped_id in DailyPrompt.objects.filter(space=space).values_list(
        "prompt_id", "swapped_from_id"
    ):
        used.add(prompt_id)
        if swapped_id:
            used.add(swapped_id)
    return used


def choose_prompt(space: Space, depth: int, date: dt.date, *, exclude: set[int]) -> Prompt:
    """A fresh prompt at ``depth``; once the pool is used up, the least recently given."""
    pool = list(Prompt.objects.filter(depth=depth, active=True).order_by("pk"))
    if not pool:
        raise ShareError(
            "no_prompts", _("There are no prompts yet: run `closeknit content load`."), 503
        )
    rng = random.Random(f"{space.public_id}:{date.isoformat()}:{len(exclude)}")
    used = _used_prompt_ids(space) | exclude
    fresh = [p for p in pool if p.pk not in used]
    if fresh:
        return rng.choice(fresh)
    # Everything at this depth was given: start again from the longest-unseen prompts.
    last_given: dict[int, dt.date] = {}
    for prompt_id, day in DailyPrompt.objects.filter(space=space, depth=depth).values_list(
        "prompt_id", "date"
    ):
        last_given[prompt_id] = max(day, last_given.get(prompt_id, day))
    candidates = [p for p in pool if p.pk not in exclude] or pool
    oldest = min(last_given.get(p.pk, dt.date.min) for p in candidates)
    return rng.choice([p for p in candidates if last_given.get(p.pk, dt.date.min) == oldest])


def today_for(space: Space, *, now: dt.datetime | None = None) -> DailyPrompt:
    """The space's prompt for its local today, created on first sight."""
    date = local_today(space.time_zone, now)
    existing = (
        DailyPrompt.objects.select_related("prompt__topic").filter(space=space, date=date).first()
    )
    if existing:
        return existing
    depth = pace_for(space).depth
    prompt = choose_prompt(space, depth, date, exclude=set())
    try:
        with transaction.atomic():
            return DailyPrompt.objects.create(
                space=space, date=date, prompt=prompt, depth=depth, first=_first_for(space, date)
            )
    except IntegrityError:
        # The partner opened the page at the same instant: theirs stands.
        return DailyPrompt.objects.select_related("prompt__topic").get(space=space, date=date)


@transaction.atomic
def swap_today(space: Space, user: User, *, now: dt.datetime | None = None) -> DailyPrompt:
    daily = today_for(space, now=now)
    daily = DailyPrompt.objects.select_for_update().get(pk=daily.pk)
    if daily.swapped_from_id is not None:
        raise ShareError("already_swapped", _("Today's prompt was already swapped once."), 409)
    if daily.answers.exists():
        raise ShareError(
            "already_answered", _("Someone has answered this one, so it stays for today."), 409
        )
    new = choose_prompt(space, daily.depth, daily.date, exclude={daily.prompt_id})
    daily.swapped_from_id = daily.prompt_id
    daily.prompt = new
    daily.save(update_fields=["prompt", "swapped_from"])
    return daily


# Answering and the reveal


def _check_text(text: str, limit: int) -> str:
    text = (text or "").strip()
    if len(text) > limit:
        raise ShareError(
            "too_long", _("Please keep it under %(limit)s characters.") % {"limit": limit}
        )
    return text


def submit_answer(daily: DailyPrompt, user: User, *, text: str, in_person: bool = False) -> Answer:
    """Save (or edit) ``user``'s answer and reveal both once both have answered."""
    text = _check_text(text, ANSWER_MAX)
    if not text and not in_person:
        raise ShareError("empty", _("Write an answer, or mark that you talked in person."))
    with transaction.atomic():
        # The lock serialises the two partners: exactly one of them sees two answers first.
        locked = DailyPrompt.objects.select_for_update().get(pk=daily.pk)
        answer = Answer.objects.filter(daily=locked, author=user).first()
        now = timezone.now()
        if answer is None:
            answer = Answer.objects.create(
                daily=locked, author=user, text=text, in_person=in_person
            )
        elif (answer.text, answer.in_person) != (text, in_person):
            answer.text, answer.in_person = text, in_person
            if locked.revealed_at is not None:
                answer.edited_at = now
            answer.save(update_fields=["text", "in_person", "edited_at"])
        if locked.revealed_at is None:
            authors = set(access.visible_author_ids(locked.space, user))
            answered = set(locked.answers.values_list("author_id", flat=True))
            if len(authors) == 2 and authors <= answered:
                locked.revealed_at = now
                locked.save(update_fields=["revealed_at"])
                transaction.on_commit(
                    lambda: signals.answers_revealed.send(sender=DailyPrompt, daily=locked)
                )
        daily.revealed_at = locked.revealed_at
    return answer


def rate_depth(daily: DailyPrompt, user: User, rating: str) -> bool:
    """Record how the depth felt; returns True when this made the space's depth rise."""
    if rating not in Answer.DepthRating.values:
        raise ShareError("bad_rating", _("Choose too light, just right or too much."))
    updated = Answer.objects.filter(daily=daily, author=user).update(depth_rating=rating)
    if not updated:
        raise ShareError("not_answered", _("Answer first, then say how the depth felt."), 409)
    return _maybe_rise(daily.space)


@transaction.atomic
def _maybe_rise(space: Space) -> bool:
    pace = Pace.objects.select_for_update().get(pk=pace_for(space).pk)
    members = access.active_member_ids(space)
    if pace.depth >= MAX_DEPTH or len(members) < 2:
        return False
    recent = list(
        DailyPrompt.objects.filter(space=space, depth=pace.depth, created_at__gt=pace.changed_at)
        .order_by("-date")
        .prefetch_related("answers")[:RISE_AFTER]
    )
    if len(recent) < RISE_AFTER:
        return False
    for daily in recent:
        ratings = {a.author_id: a.depth_rating for a in daily.answers.all()}
        # Both partners must have said so: depth never rises on one person's say-so.
        if not members <= set(ratings) or any(ratings[m] not in EASY_ENOUGH for m in members):
            return False
    pace.depth += 1
    pace.changed_at = timezone.now()
    pace.save(update_fields=["depth", "changed_at"])
    return True


@transaction.atomic
def step_back(space: Space) -> Pace:
    """Go one level lighter. The partner sees that the pace changed, never who changed it."""
    pace = Pace.objects.select_for_update().get(pk=pace_for(space).pk)
    if pace.depth <= MIN_DEPTH:
        raise ShareError("lightest", _("You're already at the lightest level."), 409)
    pace.depth -= 1
    pace.changed_at = pace.stepped_back_at = timezone.now()
    pace.save(update_fields=["depth", "changed_at", "stepped_back_at"])
    return pace


# Responding and rating


def _check_reaction(reaction: str, allowed: dict[str, Any]) -> str:
    if reaction not in allowed:
        raise ShareError("bad_reaction", _("Choose one of the responses offered."))
    return reaction


def _save_response(*, author: User, reaction: str, text: str, **target: Any) -> Response:
    text = _check_text(text, REPLY_MAX)
    response = Response.objects.filter(author=author, **target).first()
    if response is None:
        try:
            with transaction.atomic():
                return Response.objects.create(
                    author=author, reaction=reaction, text=text, **target
                )
        except IntegrityError:
            response = Response.objects.get(author=author, **target)
    response.reaction, response.text, response.edited_at = reaction, text, timezone.now()
    response.save(update_fields=["reaction", "text", "edited_at"])
    return response


def respond_to_answer(daily: DailyPrompt, user: User, *, reaction: str, text: str = "") -> Response:
    """Respond to the partner's revealed answer."""
    _check_reaction(reaction, reactions.DISCLOSURE)
    if daily.revealed_at is None:
        raise ShareError("not_revealed", _("You can respond once you've both answered."), 409)
    theirs = _partner_answer(daily, user)
    if theirs is None:
        raise ShareError("no_answer", _("There is no answer from your partner to respond to."), 409)
    return _save_response(author=user, reaction=reaction, text=text, answer=theirs)


def _partner_answer(daily: DailyPrompt, user: User) -> Answer | None:
    partner = access.partner_of(daily.space, user)
    if partner is None:
        return None
    return Answer.objects.filter(daily=daily, author=partner).first()


def _check_understood(value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= 7:
        raise ShareError("bad_understood", _("Choose a number from 1 to 7."))
    return number


def rate_answer_understood(daily: DailyPrompt, user: User, value: Any) -> Answer:
    """The sharer's private 1–7: how understood did the partner's response leave them?"""
    number = _check_understood(value)
    mine = Answer.objects.filter(daily=daily, author=user).first()
    if mine is None or not mine.responses.exclude(author=user).exists():
        raise ShareError(
            "no_response_yet", _("Once your partner responds, you can say how it felt."), 409
        )
    mine.understood = number
    mine.save(update_fields=["understood"])
    return mine


def create_post(space: Space, user: User, *, kind: str, text: str) -> Post:
    if kind not in Post.Kind.values:
        raise ShareError("bad_kind", _("Choose what kind of thing you're sharing."))
    text = _check_text(text, ANSWER_MAX)
    if not text:
        raise ShareError("empty", _("Write something to share."))
    return Post.objects.create(space=space, author=user, kind=kind, text=text)


def post_reactions(post: Post) -> dict[str, Any]:
    return reactions.WIN if post.kind == Post.Kind.WIN else reactions.DISCLOSURE


def respond_to_post(post: Post, user: User, *, reaction: str, text: str = "") -> Response:
    if post.author_id == user.pk:
        raise ShareError("own_post", _("This is yours: your partner responds to it."), 409)
    _check_reaction(reaction, post_reactions(post))
    return _save_response(author=user, reaction=reaction, text=text, post=post)


def rate_post_understood(post: Post, user: User, value: Any) -> Post:
    number = _check_understood(value)
    if post.author_id != user.pk or not post.responses.exclude(author=user).exists():
        raise ShareError(
            "no_response_yet", _("Once your partner responds, you can say how it felt."), 409
        )
    post.understood = number
    post.save(update_fields=["understood"])
    return post


# Reading: the only way a partner's words leave the database.


def get_daily(space: Space, daily_id: Any) -> DailyPrompt:
    try:
        pk = int(daily_id)
    except (TypeError, ValueError):
        raise Http404 from None
    daily = (
        DailyPrompt.objects.select_related("prompt__topic", "space")
        .filter(space=space, pk=pk)
        .first()
    )
    if daily is None:
        raise Http404
    return daily


def get_post(space: Space, viewer: User, post_id: Any) -> Post:
    try:
        pk = int(post_id)
    except (TypeError, ValueError):
        raise Http404 from None
    post = access.authored_by_members(Post.objects.all(), space, viewer).filter(pk=pk).first()
    if post is None:
        raise Http404
    return post


@dataclass
class DailyView:
    daily: DailyPrompt
    mine: Answer | None
    partner_answered: bool
    theirs: Answer | None  # only once revealed
    my_response: Response | None  # to their answer
    their_response: Response | None  # to mine; only once revealed
    i_go_first: bool

    @property
    def revealed(self) -> bool:
        return self.theirs is not None

    @property
    def waiting_on_me(self) -> bool:
        return self.mine is None

    @property
    def can_swap(self) -> bool:
        return (
            self.daily.swapped_from_id is None and self.mine is None and not self.partner_answered
        )

    @property
    def needs_my_response(self) -> bool:
        return self.theirs is not None and self.my_response is None

    @property
    def can_rate_understood(self) -> bool:
        return self.mine is not None and self.their_response is not None


def _daily_views(
    dailies: list[DailyPrompt], viewer: User, partner_id: int | None
) -> list[DailyView]:
    """Build views from dailies whose answers (and their responses) are prefetched."""
    views = []
    for daily in dailies:
        answers = {a.author_id: a for a in daily.answers.all()}
        mine = answers.get(viewer.pk)
        partners = answers.get(partner_id) if partner_id else None
        revealed = daily.revealed_at is not None and partners is not None
        theirs = partners if revealed and mine is not None else None
        my_response = their_response = None
        if theirs is not None:
            my_response = next(
                (r for r in theirs.responses.all() if r.author_id == viewer.pk), None
            )
        if mine is not None and theirs is not None:
            their_response = next(
                (r for r in mine.responses.all() if r.author_id == partner_id), None
            )
        views.append(
            DailyView(
                daily=daily,
                mine=mine,
                partner_answered=partners is not None,
                theirs=theirs,
                my_response=my_response,
                their_response=their_response,
                i_go_first=daily.first_id == viewer.pk,
            )
        )
    return views


def _with_answers(queryset: QuerySet[DailyPrompt]) -> QuerySet[DailyPrompt]:
    return queryset.select_related("prompt__topic").prefetch_related("answers__responses")


def daily_view(daily: DailyPrompt, viewer: User, partner: User | None) -> DailyView:
    fresh = _with_answers(DailyPrompt.objects.filter(pk=daily.pk)).get()
    return _daily_views([fresh], viewer, partner.pk if partner else None)[0]


@dataclass
class PostView:
    post: Post
    mine: bool
    response: Response | None  # the partner's response (to my post) or mine (to theirs)
    reactions: dict[str, Any] = field(default_factory=dict)

    @property
    def needs_my_response(self) -> bool:
        return not self.mine and self.response is None

    @property
    def can_rate_understood(self) -> bool:
        return self.mine and self.response is not None


def _post_views(posts: list[Post], viewer: User) -> list[PostView]:
    views = []
    for post in posts:
        mine = post.author_id == viewer.pk
        response = next((r for r in post.responses.all() if r.author_id != post.author_id), None)
        views.append(
            PostView(post=post, mine=mine, response=response, reactions=post_reactions(post))
        )
    return views


def post_view(post: Post, viewer: User) -> PostView:
    fresh = Post.objects.prefetch_related("responses").get(pk=post.pk)
    return _post_views([fresh], viewer)[0]


def posts_waiting_for(space: Space, viewer: User, partner: User | None) -> list[PostView]:
    """The partner's recent share-first posts that this person hasn't responded to yet."""
    if partner is None:
        return []
    since = timezone.now() - dt.timedelta(days=WAITING_DAYS)
    posts = (
        Post.objects.filter(space=space, author=partner, created_at__gte=since)
        .exclude(Exists(Response.objects.filter(post=OuterRef("pk"), author=viewer)))
        .prefetch_related("responses")
        .order_by("-created_at")
    )
    return _post_views(list(posts), viewer)


def earlier_waiting_for(
    space: Space, viewer: User, partner: User | None, today: dt.date
) -> list[DailyView]:
    """Earlier prompts the partner answered and this person hasn't: answer to see theirs."""
    if partner is None:
        return []
    dailies = _with_answers(
        DailyPrompt.objects.filter(
            space=space,
            date__lt=today,
            date__gte=today - dt.timedelta(days=WAITING_DAYS),
            revealed_at__isnull=True,
        )
        .filter(Exists(Answer.objects.filter(daily=OuterRef("pk"), author=partner)))
        .exclude(Exists(Answer.objects.filter(daily=OuterRef("pk"), author=viewer)))
        .order_by("-date")
    )
    return _daily_views(list(dailies), viewer, partner.pk)


@dataclass
class TimelineEntry:
    when: dt.datetime
    daily: DailyView | None = None
    post: PostView | None = None


def timeline(
    space: Space, viewer: User, partner: User | None, *, query: str = "", page: Any = 1
) -> tuple[Page[Any], list[TimelineEntry]]:
    """Revealed exchanges, share-first posts and your own waiting answers, newest first.

    Search looks only at words this person may read: the prompt, their own answers, revealed
    answers and visible posts. A partner's unrevealed answer never matches.
    """
    query = query.strip()[:100]
    author_ids = access.visible_author_ids(space, viewer)
    mine = Answer.objects.filter(daily=OuterRef("pk"), author=viewer)
    dailies = DailyPrompt.objects.filter(space=space).filter(
        Q(revealed_at__isnull=False) | Q(Exists(mine))
    )
    posts = Post.objects.filter(space=space, author_id__in=author_ids)
    if query:
        readable = Answer.objects.filter(daily=OuterRef("pk"), text__icontains=query).filter(
            Q(author=viewer) | Q(author_id__in=author_ids, daily__revealed_at__isnull=False)
        )
        dailies = dailies.filter(Q(prompt__text__icontains=query) | Q(Exists(readable)))
        posts = posts.filter(text__icontains=query)
    rows = (
        dailies.annotate(entry=Value("d"), ts=Coalesce(F("revealed_at"), F("created_at")))
        .values_list("entry", "pk", "ts")
        .union(
            posts.annotate(entry=Value("p"), ts=F("created_at")).values_list("entry", "pk", "ts"),
            all=True,
        )
        .order_by("-ts", "-pk")
    )
    paginator = Paginator(rows, PAGE_SIZE)
    page_obj = paginator.get_page(page)
    keys = list(page_obj.object_list)
    daily_ids = [pk for kind, pk, _ts in keys if kind == "d"]
    post_ids = [pk for kind, pk, _ts in keys if kind == "p"]
    partner_id = partner.pk if partner else None
    daily_map = (
        {
            v.daily.pk: v
            for v in _daily_views(
                list(_with_answers(DailyPrompt.objects.filter(pk__in=daily_ids))),
                viewer,
                partner_id,
            )
        }
        if daily_ids
        else {}
    )
    post_map = (
        {
            v.post.pk: v
            for v in _post_views(
                list(Post.objects.filter(pk__in=post_ids).prefetch_related("responses")), viewer
            )
        }
        if post_ids
        else {}
    )
    entries = [
        TimelineEntry(when=ts, daily=daily_map.get(pk))
        if kind == "d"
        else TimelineEntry(when=ts, post=post_map.get(pk))
        for kind, pk, ts in keys
    ]
    return page_obj, entries


def dates_practised(space: Space, user: User, start: dt.date, end: dt.date) -> list[dt.date]:
    """Local dates on which this person answered a prompt (for adherence)."""
    return sorted(
        set(
            Answer.objects.filter(
                daily__space=space, author=user, daily__date__gte=start, daily__date__lte=end
            ).values_list("daily__date", flat=True)
        )
    )
