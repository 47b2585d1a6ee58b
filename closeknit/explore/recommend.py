"""Suggestions: only what both of you chose, ranked by what has gone well for you.

``rank`` is pure: plain data in, suggestions out, no database, no clock. ``recommend`` is the
Django layer: it gathers the space's data (four queries, whatever the history) and calls
``rank``.

The rules, from SCIENCE.md's Novelty section:

* Only activities both partners marked "want to" (or want to + maybe, when maybes are
  included). A "not for me" from either always keeps an activity out.
* Nothing already done together, unless asked; nothing already planned.
* Within the plan's constraints: budget (the most it may cost), minutes available, setting,
  energy.
* Favour what is new to both and more exciting ("exciting beats merely pleasant").
* Learn from the afterwards-ratings by Thompson sampling over tags: each tag has a Beta
  posterior per space, starting at Beta(1, 1); every rating adds two observations to each tag
  of the activity rated, a success for "how close did you feel" of 5 or more (of 7) and one
  for "how new or exciting was it" of 5 or more. One draw per tag per call, so a tag that went
  well rises, an untried tag still gets its chance, and one that fell flat sinks.

Deterministic for a given ``random.Random``: tags are drawn in sorted order and ties break on
the activity's id.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import json
import random
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from closeknit.couples.models import Space

COST_ORDER = {"free": 0, "$": 1, "$$": 2, "$$$": 3}
WANT, MAYBE, NO = "want", "maybe", "no"
NEW, DONE = "new", "done"
GOOD = 5  # a rating of 5 or more (of 7) counts as a success
DEFAULT_LIMIT = 5
MAX_REASONS = 3

# How much each part counts. The learned tag value and excitement dominate on purpose:
# exciting beats merely pleasant, and what went well for these two beats the catalog's guess.
W_LEARNED = 1.0
W_EXCITEMENT = 0.8
W_NOVELTY = 0.2
W_FRESH = 0.6  # new to both: 1; new to one, unknown to the other: 0.75; ...; done by both: 0
W_BOTH_WANT = 0.2  # want + want over want + maybe
W_DONE_TOGETHER = 0.5  # subtracted when done activities are asked for

FRESHNESS = {NEW: 1.0, "": 0.5, DONE: 0.0}


# Plain data in: named tuples, because building a few thousand of them per call must be cheap.


class ActivityData(NamedTuple):
    id: int
    title: str
    excitement: int  # 1–5
    novelty: int  # 1–5
    cost: str  # free, $, $$, $$$
    minutes: int
    setting: str
    energy: str
    tags: tuple[str, ...]
    custom: bool = False


class MarkData(NamedTuple):
    activity_id: int
    user_id: int
    interest: str  # want, maybe, no or ""
    newness: str = ""  # new, done or ""


class RatingData(NamedTuple):
    user_id: int
    closeness: int  # 1–7
    excitement: int  # 1–7


class Outing(NamedTuple):
    """A plan that happened, with its afterwards-ratings (any order)."""

    activity_id: int
    title: str
    tags: tuple[str, ...]
    when: dt.datetime
    ratings: tuple[RatingData, ...] = ()


@dataclass(frozen=True)
class Constraints:
    budget: str | None = None  # the most it may cost, as a cost band
    minutes: int | None = None  # time available
    settings: frozenset[str] = frozenset()  # any of these; empty means any
    energy: str | None = None  # calm or active; None means either
    include_maybes: bool = False
    include_done: bool = False
    limit: int = DEFAULT_LIMIT

    def admits(self, activity: ActivityData) -> bool:
        if self.budget is not None and COST_ORDER[activity.cost] > COST_ORDER[self.budget]:
            return False
        if self.minutes is not None and activity.minutes > self.minutes:
            return False
        if self.settings and activity.setting not in self.settings:
            return False
        return self.energy is None or activity.energy == self.energy


@dataclass(frozen=True)
class Reason:
    """Why a suggestion was chosen. ``kind`` is stable; ``str()`` is the translated sentence."""

    kind: str  # both_loved, loved_before, new_to_both, exciting, done_together, both_chose
    subject: str = ""  # the title of the activity both loved, for both_loved

    def __str__(self) -> str:
        from django.utils.translation import gettext as _

        if self.kind == "both_loved":
            return _("You both loved “%(title)s”") % {"title": self.subject}
        texts = {
            "loved_before": _("You both loved it last time"),
            "new_to_both": _("New to both of you"),
            "exciting": _("One of the more exciting ones"),
            "done_together": _("You've done it together before"),
            "both_chose": _("You both chose it"),
        }
        return texts[self.kind]


@dataclass(frozen=True)
class Suggestion:
    activity: ActivityData
    score: float
    reasons: tuple[Reason, ...] = field(default=())

    @property
    def new_to_both(self) -> bool:
        return any(r.kind == "new_to_both" for r in self.reasons)


def seeded_rng(space_id: str, day: object, constraints: Constraints, shuffle: int) -> random.Random:
    """Both partners asking the same thing on the same day see the same ideas.

    The seed is spelled out field by field (settings sorted): a frozenset's order, and so
    its repr, changes from one process to the next.
    """
    c = constraints
    asked = (
        f"{c.budget}|{c.minutes}|{','.join(sorted(c.settings))}|{c.energy}|"
        f"{c.include_maybes}|{c.include_done}|{c.limit}"
    )
    return random.Random(f"{space_id}:{day}:{asked}:{shuffle}")


# The pure part


def mutual(
    first: MarkData | None, second: MarkData | None, *, include_maybes: bool
) -> float | None:
    """How strongly both chose it: 1 for want + want, 0.5 for want + maybe, else None."""
    if first is None or second is None:
        return None
    pair = {first.interest, second.interest}
    if pair == {WANT}:
        return 1.0
    if include_maybes and pair == {WANT, MAYBE}:
        return 0.5
    return None


def loved_by_both(outing: Outing, members: Collection[int]) -> bool:
    by_person = {r.user_id: r for r in outing.ratings if r.user_id in members}
    return len(by_person) == len(members) and all(
        r.closeness >= GOOD and r.excitement >= GOOD for r in by_person.values()
    )


def tag_posteriors(
    outings: Iterable[Outing], members: Collection[int]
) -> dict[str, tuple[int, int]]:
    """Each tag's Beta(alpha, beta) from the members' ratings, starting at Beta(1, 1)."""
    counts: dict[str, list[int]] = {}
    for outing in outings:
        for rating in outing.ratings:
            if rating.user_id not in members:
                continue
            successes = (rating.closeness >= GOOD) + (rating.excitement >= GOOD)
            for tag in outing.tags:
                pair = counts.setdefault(tag, [1, 1])
                pair[0] += successes
                pair[1] += 2 - successes
    return {tag: (a, b) for tag, (a, b) in counts.items()}


def rank(
    activities: Iterable[ActivityData],
    marks: Iterable[MarkData],
    outings: Sequence[Outing],
    members: Sequence[int],
    constraints: Constraints,
    *,
    rng: random.Random,
    planned: Collection[int] = (),
) -> list[Suggestion]:
    """The best ``constraints.limit`` activities both chose, best first, with their reasons."""
    if len(set(members)) != 2:
        return []
    first_id, second_id = members
    firsts: dict[int, MarkData] = {}
    seconds: dict[int, MarkData] = {}
    for mark in marks:
        if mark.user_id == first_id:
            firsts[mark.activity_id] = mark
        elif mark.user_id == second_id:
            seconds[mark.activity_id] = mark
    done = {o.activity_id for o in outings}
    planned = set(planned)

    candidates: list[tuple[ActivityData, float, MarkData, MarkData]] = []
    for activity in activities:
        aid = activity.id
        strength = mutual(
            firsts.get(aid), seconds.get(aid), include_maybes=constraints.include_maybes
        )
        if strength is None or aid in planned:
            continue
        if aid in done and not constraints.include_done:
            continue
        if not constraints.admits(activity):
            continue
        candidates.append((activity, strength, firsts[aid], seconds[aid]))
    if not candidates:
        return []

    posteriors = tag_posteriors(outings, members)
    tags = sorted(posteriors.keys() | {t for c in candidates for t in c[0].tags})
    draws = {
        tag: rng.betavariate(*posteriors.get(tag, (1, 1)))
        for tag in tags  # sorted, so the same rng always gives the same draws
    }

    scored: list[tuple[float, int, int]] = []
    for index, (activity, strength, mine, theirs) in enumerate(candidates):
        learned = (
            sum(draws[t] for t in activity.tags) / len(activity.tags) if activity.tags else 0.5
        )
        fresh = (FRESHNESS.get(mine.newness, 0.5) + FRESHNESS.get(theirs.newness, 0.5)) / 2
        score = (
            W_LEARNED * learned
            + W_EXCITEMENT * (activity.excitement - 1) / 4
            + W_NOVELTY * (activity.novelty - 1) / 4
            + W_FRESH * fresh
            + W_BOTH_WANT * (strength - 0.5) * 2
            - (W_DONE_TOGETHER if activity.id in done else 0.0)
        )
        scored.append((score, -activity.id, index))
    best = heapq.nlargest(max(constraints.limit, 0), scored)

    loved = _loved_by_tag(outings, members)
    suggestions = []
    for score, _neg_id, index in best:
        activity, _strength, mine, theirs = candidates[index]
        reasons = _reasons(activity, mine, theirs, loved, done)
        suggestions.append(Suggestion(activity=activity, score=round(score, 6), reasons=reasons))
    return suggestions


def _loved_by_tag(outings: Sequence[Outing], members: Collection[int]) -> dict[str, list[Outing]]:
    """Outings both loved, newest first, under each of their tags."""
    loved: dict[str, list[Outing]] = {}
    for outing in sorted(outings, key=lambda o: (o.when, o.activity_id), reverse=True):
        if loved_by_both(outing, members):
            for tag in outing.tags:
                loved.setdefault(tag, []).append(outing)
    return loved


def _reasons(
    activity: ActivityData,
    mine: MarkData,
    theirs: MarkData,
    loved: Mapping[str, list[Outing]],
    done: Collection[int],
) -> tuple[Reason, ...]:
    reasons: list[Reason] = []
    same = [o for tag in activity.tags for o in loved.get(tag, ()) if o.activity_id == activity.id]
    others = [
        o for tag in activity.tags for o in loved.get(tag, ()) if o.activity_id != activity.id
    ]
    if same:
        reasons.append(Reason("loved_before"))
    elif others:
        latest = max(others, key=lambda o: (o.when, o.activity_id))
        reasons.append(Reason("both_loved", latest.title))
    if mine.newness == NEW and theirs.newness == NEW and activity.id not in done:
        reasons.append(Reason("new_to_both"))
    if activity.excitement >= 4:
        reasons.append(Reason("exciting"))
    if activity.id in done and not same:
        reasons.append(Reason("done_together"))
    if not reasons:
        reasons.append(Reason("both_chose"))
    return tuple(reasons[:MAX_REASONS])


# The Django layer


def gather(
    space: Space,
) -> tuple[list[ActivityData], list[MarkData], list[Outing], list[int], set[int]]:
    """Everything ``rank`` needs for one space in four queries whatever the history.

    The activities both active members marked "want to" or "maybe" come with both people's
    marks in one query (the marks table joined twice); nothing either person marked alone
    is read at all. Then the plans that happened or are coming, and their ratings.
    """
    from django.db.models import FilteredRelation, Q, TextField
    from django.db.models.functions import Cast
    from django.utils import timezone

    from closeknit.couples.models import Membership
    from closeknit.explore.models import Activity, Plan, Rating

    members = sorted(
        Membership.objects.filter(space=space, left_at__isnull=True).values_list(
            "user_id", flat=True
        )
    )
    if len(members) != 2:
        return [], [], [], members, set()
    first, second = members
    chosen = [WANT, MAYBE]
    rows = (
        Activity.objects.filter(active=True)
        .filter(Q(space__isnull=True) | Q(space=space))
        .annotate(
            first_mark=FilteredRelation(
                "marks", condition=Q(marks__space=space, marks__user_id=first)
            ),
            second_mark=FilteredRelation(
                "marks", condition=Q(marks__space=space, marks__user_id=second)
            ),
            tags_json=Cast("tags", output_field=TextField()),
        )
        .filter(first_mark__interest__in=chosen, second_mark__interest__in=chosen)
        .values_list(
            *ACTIVITY_COLUMNS,
            "first_mark__interest",
            "first_mark__newness",
            "second_mark__interest",
            "second_mark__newness",
        )
    )
    activities: list[ActivityData] = []
    marks: list[MarkData] = []
    for row in rows:
        activity = activity_from_row(row[:-4])
        activities.append(activity)
        marks.append(MarkData(activity.id, first, row[-4], row[-3]))
        marks.append(MarkData(activity.id, second, row[-2], row[-1]))

    now = timezone.now()
    plans = list(
        Plan.objects.filter(space=space, cancelled_at__isnull=True)
        .filter(Q(done_at__isnull=False) | Q(starts_at__gte=now))
        .annotate(tags_json=Cast("activity__tags", output_field=TextField()))
        .values_list("pk", "activity_id", "starts_at", "done_at", "activity__title", "tags_json")
    )
    planned = {aid for _pk, aid, _start, done_at, _t, _tags in plans if done_at is None}
    done_plans = [p for p in plans if p[3] is not None]
    ratings: dict[int, list[RatingData]] = {}
    if done_plans:
        for plan_id, author_id, closeness, excitement in Rating.objects.filter(
            plan__space=space, plan__done_at__isnull=False, plan__cancelled_at__isnull=True
        ).values_list("plan_id", "author_id", "closeness", "excitement"):
            ratings.setdefault(plan_id, []).append(RatingData(author_id, closeness, excitement))
    outings = [
        Outing(
            activity_id=aid,
            title=title,
            tags=parse_tags(tags),
            when=start,
            ratings=tuple(ratings.get(pk, ())),
        )
        for pk, aid, start, _done, title, tags in done_plans
    ]
    return activities, marks, outings, members, planned


# The columns ``activity_from_row`` reads, in order. Tags come as JSON text, parsed through
# a small cache: a catalog repeats the same few tag lists, and this is the hot path.
ACTIVITY_COLUMNS = (
    "pk",
    "title",
    "excitement",
    "novelty",
    "cost",
    "minutes",
    "setting",
    "energy",
    "tags_json",
    "space_id",
)


@functools.lru_cache(maxsize=4096)
def parse_tags(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    value = json.loads(text)
    return tuple(str(t) for t in value) if isinstance(value, list) else ()


def activity_from_row(row: tuple[Any, ...]) -> ActivityData:
    pk, title, excitement, novelty, cost, minutes, setting, energy, tags, space_id = row
    return ActivityData(
        pk,
        title,
        excitement,
        novelty,
        cost,
        minutes,
        setting,
        energy,
        parse_tags(tags),
        space_id is not None,
    )


def recommend(space: Space, constraints: Constraints, *, rng: random.Random) -> list[Suggestion]:
    """Suggestions for the space: only what both chose, within ``constraints``."""
    activities, marks, outings, members, planned = gather(space)
    return rank(activities, marks, outings, members, constraints, rng=rng, planned=planned)
