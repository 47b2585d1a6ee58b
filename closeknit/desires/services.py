"""The rules of the Desires practice.

* Each person opts in for themself (18+ and wanting it). Until both have, nothing of the
  practice is open to either, and what each sees does not depend on the other's choice
  beyond "not turned on yet". Either can turn it off at any time; then nothing of theirs
  reaches the partner, and matches disappear for both. A space marked "not romantic" has no
  Desires practice at all (404).
* Answers are yes / curious / no, private, changeable at any time, and stored encrypted.
* Tiers open at the pace of the slower partner: the next one opens only when both have
  answered every item of the open tier and both chose "ready for more".
* Either partner may add their own item to the open tier; the other answers it without
  learning the proposer's answer. The same rules apply to it.
* Matches are the only thing ever learnt about a partner's answers: an item shows only when
  both marked it yes or curious (for a giving/receiving pair: when one would like to give and
  the other to receive), listed in catalog order, grouped "you both said yes" / "at least one
  of you is curious". Before a tier's matches show for the first time, each sees how many of
  the tier's list items the other marked yes or curious, and both confirm.

``matches`` is the ONLY function that decrypts a partner's answers. Everything else reads
the viewer's own answers, or only whether rows exist (progress), never their values; so
answering, changing and fetching give the same responses whatever the partner answered.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from closeknit.accounts.models import User
from closeknit.core.timeutil import local_today
from closeknit.couples import access
from closeknit.couples.models import Space
from closeknit.desires import crypto
from closeknit.desires.models import (
    ITEM_TEXT_MAX,
    MAX_TIER,
    MIN_TIER,
    Answer,
    Item,
    Pace,
    Participation,
    Tier,
    TierChoice,
)

SLUG = "desires"
ANSWERS = ("yes", "curious", "no")
POSITIVE = frozenset({"yes", "curious"})
CUSTOM_MAX = 30  # items one person may add in one space
CUSTOM_TEXT_MIN = 3
# Custom items sort after the catalog's items of their tier, in the order they were added.
CUSTOM_POSITION = 1_000_000


class DesiresError(Exception):
    def __init__(self, code: str, message: str | Promise, status: int = 400) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.status = status


def not_on() -> DesiresError:
    # One message for every "not both on" state: it never says who hasn't chosen it.
    return DesiresError(
        "not_on",
        _("Desires isn't turned on for both of you yet. It starts once you've both chosen it."),
        409,
    )


# Who is in


@dataclass(frozen=True)
class Status:
    has_partner: bool
    mine: bool  # this person has it on
    both: bool  # both have it on: the practice is open
    open_tier: int  # meaningful only when ``both``


def available(space: Space) -> bool:
    return space.romantic


def require_available(space: Space) -> None:
    if not available(space):
        raise Http404


def _person_on(participation: Participation | None, user: User) -> bool:
    # Switching Desires off in one's practice choices turns it off here too.
    return participation is not None and participation.on and user.wants(SLUG)


def pace_for(space: Space) -> Pace:
    pace, _created = Pace.objects.get_or_create(space=space)
    return pace


def status(space: Space, user: User, partner: User | None) -> Status:
    require_available(space)
    ids = [user.pk] + ([partner.pk] if partner else [])
    rows = {p.user_id: p for p in Participation.objects.filter(space=space, user_id__in=ids)}
    mine = _person_on(rows.get(user.pk), user)
    both = mine and partner is not None and _person_on(rows.get(partner.pk), partner)
    return Status(
        has_partner=partner is not None,
        mine=mine,
        both=both,
        open_tier=pace_for(space).open_tier if both else MIN_TIER,
    )


def require_on(space: Space, user: User, partner: User | None) -> Status:
    current = status(space, user, partner)
    if not current.both:
        raise not_on()
    return current


@transaction.atomic
def opt_in(space: Space, user: User, *, adult: bool, want: bool) -> Participation:
    require_available(space)
    if not adult:
        raise DesiresError("not_adult", _("Desires is for adults: confirm you're 18 or older."))
    if not want:
        raise DesiresError("not_chosen", _("Tick that you'd like to do this practice."))
    now = timezone.now()
    participation, _created = Participation.objects.select_for_update().get_or_create(
        space=space, user=user
    )
    participation.adult_confirmed_at = now
    if participation.opted_in_at is None:
        participation.opted_in_at = now
    participation.save(update_fields=["adult_confirmed_at", "opted_in_at", "changed_at"])
    if not user.wants(SLUG):
        # Choosing it here is choosing it: show it in navigation and on Tonight again.
        user.practices_off = [slug for slug in user.practices_off if slug != SLUG]
        user.save(update_fields=["practices_off"])
    return participation


@transaction.atomic
def opt_out(space: Space, user: User, *, delete: bool = False) -> None:
    """Turn it off at once: nothing of this person's reaches the partner from now on."""
    require_available(space)
    Participation.objects.filter(space=space, user=user).update(
        opted_in_at=None, changed_at=timezone.now()
    )
    if delete:
        delete_mine(space, user)


def delete_mine(space: Space, user: User) -> None:
    """Delete this person's answers, choices and the items they added (with any answers to them).

    Starting over resets "show our matches" for both: otherwise someone could delete, answer
    yes to everything and see all matches under a confirmation their partner gave earlier.
    """
    Answer.objects.filter(space=space, user=user).delete()
    TierChoice.objects.filter(space=space, user=user).delete()
    TierChoice.objects.filter(space=space).update(confirmed_at=None)
    Item.objects.filter(space=space, proposed_by=user).delete()


# Items


def space_items(space: Space) -> QuerySet[Item]:
    """The catalog's live items and this space's own items."""
    return Item.objects.filter(Q(space__isnull=True, active=True) | Q(space=space)).order_by(
        "tier", "position", "pk"
    )


def open_texts(items: Iterable[Item]) -> list[Item]:
    """Decrypt the words of a couple's own items, in memory, for the two of them to read."""
    opened = list(items)
    for item in opened:
        if item.space_id is not None:
            item.text = crypto.unseal_text(item.sealed_text, space_id=item.space_id)
    return opened


def get_item(space: Space, item_id: Any) -> Item:
    try:
        pk = int(item_id)
    except (TypeError, ValueError):
        raise Http404 from None
    item = space_items(space).filter(pk=pk).first()
    if item is None:
        raise Http404
    return item


def check_tier_number(number: Any) -> int:
    try:
        tier = int(number)
    except (TypeError, ValueError):
        raise Http404 from None
    if not MIN_TIER <= tier <= MAX_TIER:
        raise Http404
    return tier


def _tier_closed() -> DesiresError:
    return DesiresError(
        "tier_closed", _("This tier opens once you've both finished the one before."), 409
    )


def _my_answers(space: Space, user: User, item_ids: Iterable[int] | None = None) -> dict[int, str]:
    rows = Answer.objects.filter(space=space, user=user, item__active=True)
    if item_ids is not None:
        rows = rows.filter(item_id__in=list(item_ids))
    return {
        item_id: crypto.unseal(token, space_id=space.pk, user_id=user.pk, item_id=item_id)
        for item_id, token in rows.values_list("item_id", "token")
    }


def _item_totals(space: Space) -> dict[int, int]:
    return {
        row["tier"]: row["n"]
        for row in space_items(space).order_by().values("tier").annotate(n=Count("id"))
    }


def _answered_counts(space: Space, user_ids: Iterable[int]) -> dict[tuple[int, int], int]:
    """How many items of each tier each person has answered: whether rows exist, not values."""
    rows = (
        Answer.objects.filter(space=space, user_id__in=list(user_ids), item__active=True)
        .filter(Q(item__space__isnull=True) | Q(item__space=space))
        .values("user_id", "item__tier")
        .annotate(n=Count("id"))
    )
    return {(row["user_id"], row["item__tier"]): row["n"] for row in rows}


def _complete(space: Space, user_ids: list[int], tier: int) -> bool:
    total = _item_totals(space).get(tier, 0)
    counts = _answered_counts(space, user_ids)
    return all(counts.get((user_id, tier), 0) >= total for user_id in user_ids)


def _choice(space: Space, user: User, tier: int) -> TierChoice:
    choice, _created = TierChoice.objects.get_or_create(space=space, user=user, tier=tier)
    return choice


# Answering


def _save_answer(space: Space, user: User, item: Item, value: str) -> None:
    # A fresh token on every save, even for the same value: nobody reading the table can
    # tell a changed answer from an unchanged one.
    token = crypto.seal(value, space_id=space.pk, user_id=user.pk, item_id=item.pk)
    today = local_today(space.time_zone)
    lookup = {"space": space, "user": user, "item": item}
    if Answer.objects.filter(**lookup).update(token=token, answered_at=today):
        return
    try:
        with transaction.atomic():
            Answer.objects.create(token=token, answered_at=today, **lookup)
    except IntegrityError:
        # The same person saved from two tabs at once: the later save stands.
        Answer.objects.filter(**lookup).update(token=token, answered_at=today)


def check_answer(value: Any) -> str:
    if value not in ANSWERS:
        raise DesiresError("bad_answer", _("Choose yes, curious or no."))
    return str(value)


def answer(space: Space, user: User, partner: User | None, item_id: Any, value: Any) -> Item:
    """Save (or change) this person's answer. Reads nothing of the partner's answers."""
    value = check_answer(value)
    current = require_on(space, user, partner)
    item = get_item(space, item_id)
    if item.tier > current.open_tier:
        raise _tier_closed()
    before = _my_answers(space, user, [item.pk]).get(item.pk)
    _save_answer(space, user, item, value)
    if value in POSITIVE and value != before:
        # A new yes or curious in a tier whose matches were confirmed would show at once
        # whether it matches: switching answers back and forth would then probe the
        # partner's. So both confirm again, seeing the new count; the partner learns only
        # that something changed, never what.
        TierChoice.objects.filter(space=space, tier=item.tier).update(confirmed_at=None)
    maybe_open_next(space)
    return item


@transaction.atomic
def maybe_open_next(space: Space) -> bool:
    """Open the next tier if both answered every item of the open one and both are ready."""
    pace = Pace.objects.select_for_update().get(pk=pace_for(space).pk)
    members = sorted(access.active_member_ids(space))
    if pace.open_tier >= MAX_TIER or len(members) != 2:
        return False
    ready = TierChoice.objects.filter(
        space=space, tier=pace.open_tier, user_id__in=members, ready_at__isnull=False
    ).count()
    if ready != 2 or not _complete(space, members, pace.open_tier):
        return False
    pace.open_tier += 1
    pace.opened_at = timezone.now()
    pace.save(update_fields=["open_tier", "opened_at"])
    return True


def set_ready(space: Space, user: User, partner: User | None, *, ready: bool) -> bool:
    """Say (or take back) "ready for more"; returns True when this opened the next tier."""
    current = require_on(space, user, partner)
    tier = current.open_tier
    if tier >= MAX_TIER:
        raise DesiresError(
            "last_tier", _("This is the last tier: there's nothing more to open."), 409
        )
    if ready and not _complete(space, [user.pk], tier):
        raise DesiresError(
            "unanswered", _("Answer every item in this tier first, then say you're ready."), 409
        )
    choice = _choice(space, user, tier)
    choice.ready_at = timezone.now() if ready else None
    choice.save(update_fields=["ready_at"])
    return maybe_open_next(space)


def clean_custom_text(text: Any) -> str:
    cleaned = " ".join(str(text or "").split())
    if len(cleaned) < CUSTOM_TEXT_MIN:
        raise DesiresError("too_short", _("Describe the item in a few words."))
    if len(cleaned) > ITEM_TEXT_MAX:
        raise DesiresError(
            "too_long",
            _("Please keep it under %(limit)s characters.") % {"limit": ITEM_TEXT_MAX},
        )
    return cleaned


@transaction.atomic
def propose(space: Space, user: User, partner: User | None, *, text: Any, value: Any) -> Item:
    """Add one's own item to the open tier, with one's own (private) answer to it."""
    cleaned = clean_custom_text(text)
    value = check_answer(value)
    current = require_on(space, user, partner)
    if Item.objects.filter(space=space, proposed_by=user).count() >= CUSTOM_MAX:
        raise DesiresError(
            "too_many",
            _("You've added %(n)s items, the most there can be. Remove one to add another.")
            % {"n": CUSTOM_MAX},
            409,
        )
    item = Item.objects.create(
        space=space,
        proposed_by=user,
        tier=current.open_tier,
        sealed_text=crypto.seal_text(cleaned, space_id=space.pk),
        position=CUSTOM_POSITION,
        starters=[],
    )
    item.text = cleaned  # in memory only
    _save_answer(space, user, item, value)
    return item


def remove_item(space: Space, user: User, partner: User | None, item_id: Any) -> None:
    """The one who added an item may remove it (and both answers to it)."""
    require_on(space, user, partner)
    item = get_item(space, item_id)
    if item.proposed_by_id != user.pk:
        raise DesiresError(
            "not_yours", _("Only the one who added an item can remove it. You can answer no."), 409
        )
    item.delete()
    maybe_open_next(space)


# Reading: one's own answers


@dataclass(frozen=True)
class ItemView:
    item: Item
    answer: str | None  # this person's own, never the partner's
    added_by_me: bool
    added_by_partner: bool


@dataclass
class TierView:
    number: int
    tier: Tier | None
    items: list[ItemView]
    is_open_tier: bool
    ready: bool

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def answered(self) -> int:
        return sum(1 for view in self.items if view.answer is not None)

    @property
    def all_answered(self) -> bool:
        return self.answered == self.total

    @property
    def can_move_on(self) -> bool:
        return self.is_open_tier and self.number < MAX_TIER


def tier_view(space: Space, user: User, partner: User | None, number: Any) -> TierView:
    tier = check_tier_number(number)
    current = require_on(space, user, partner)
    if tier > current.open_tier:
        raise _tier_closed()
    items = open_texts(space_items(space).filter(tier=tier).select_related("category"))
    mine = _my_answers(space, user, [item.pk for item in items])
    partner_id = partner.pk if partner else None
    choice = TierChoice.objects.filter(space=space, user=user, tier=tier).first()
    return TierView(
        number=tier,
        tier=Tier.objects.filter(number=tier).first(),
        items=[
            ItemView(
                item=item,
                answer=mine.get(item.pk),
                added_by_me=item.proposed_by_id == user.pk,
                added_by_partner=item.proposed_by_id is not None
                and item.proposed_by_id == partner_id,
            )
            for item in items
        ],
        is_open_tier=tier == current.open_tier,
        ready=bool(choice and choice.ready_at),
    )


@dataclass(frozen=True)
class TierSummary:
    number: int
    tier: Tier | None
    total: int
    answered: int
    opened: bool
    current: bool


@dataclass
class Overview:
    open_tier: int
    tiers: list[TierSummary]
    ready: bool
    custom_count: int

    @property
    def current(self) -> TierSummary:
        return self.tiers[self.open_tier - MIN_TIER]

    @property
    def can_say_ready(self) -> bool:
        now = self.current
        return now.number < MAX_TIER and now.answered >= now.total and not self.ready

    @property
    def empty(self) -> bool:
        return not any(summary.total for summary in self.tiers)


def overview(space: Space, user: User, partner: User | None) -> Overview:
    current = require_on(space, user, partner)
    totals = _item_totals(space)
    mine = _answered_counts(space, [user.pk])
    tiers = {tier.number: tier for tier in Tier.objects.all()}
    choice = TierChoice.objects.filter(space=space, user=user, tier=current.open_tier).first()
    return Overview(
        open_tier=current.open_tier,
        tiers=[
            TierSummary(
                number=number,
                tier=tiers.get(number),
                total=totals.get(number, 0),
                answered=mine.get((user.pk, number), 0),
                opened=number <= current.open_tier,
                current=number == current.open_tier,
            )
            for number in range(MIN_TIER, MAX_TIER + 1)
        ],
        ready=bool(choice and choice.ready_at),
        custom_count=Item.objects.filter(space=space, proposed_by=user).count(),
    )


def unanswered_in_open_tier(space: Space, user: User, partner: User | None) -> int | None:
    """For Tonight: how many open-tier items await this person (None when it isn't on)."""
    current = status(space, user, partner)
    if not current.both:
        return None
    total = _item_totals(space).get(current.open_tier, 0)
    answered = _answered_counts(space, [user.pk]).get((user.pk, current.open_tier), 0)
    return max(total - answered, 0)


def dates_answered(space: Space, user: User, start: dt.date, end: dt.date) -> list[dt.date]:
    """The space's local dates on which this person last saved an answer (for adherence)."""
    return sorted(
        set(
            Answer.objects.filter(
                space=space, user=user, answered_at__gte=start, answered_at__lte=end
            ).values_list("answered_at", flat=True)
        )
    )


# Reading: matches. The only place a partner's answers are decrypted.


# Items a couple added have no written starters of their own.
CUSTOM_STARTERS = (
    _("What drew you to this one?"),
    _("What would help it feel easy and unhurried for both of us?"),
)


@dataclass(frozen=True)
class Match:
    item: Item  # in the viewer's own words: for a pair, the half the viewer answered
    both_yes: bool

    @property
    def starters(self) -> list[Any]:
        return list(self.item.starters) or list(CUSTOM_STARTERS)


@dataclass
class TierMatches:
    number: int
    tier: Tier | None
    state: Literal["waiting", "confirm", "shown"]
    i_confirmed: bool = False
    # Only in "confirm": how many of the tier's list items the partner marked yes or curious.
    partner_count: int | None = None
    list_total: int | None = None
    both_yes: list[Match] = field(default_factory=list)
    curious: list[Match] = field(default_factory=list)

    @property
    def matches(self) -> list[Match]:
        return self.both_yes + self.curious


def _counterpart(item: Item, by_key: dict[str, Item]) -> Item | None:
    """The item whose answer from the partner completes a match with this one."""
    key = item.counterpart_key
    return item if key is None else by_key.get(key)


def matches(space: Space, viewer: User, partner: User | None) -> list[TierMatches]:
    """What the viewer may learn of both partners' answers, tier by tier.

    Every answer of both partners in the open tiers is fetched in one query and decrypted,
    whatever its value, so the work done does not depend on what anyone answered.
    """
    current = require_on(space, viewer, partner)
    assert partner is not None  # require_on: both are on, so there is a partner
    items = open_texts(space_items(space).filter(tier__lte=current.open_tier))
    by_key = {item.key: item for item in items if item.key}
    values: dict[int, dict[int, str]] = {viewer.pk: {}, partner.pk: {}}
    rows = Answer.objects.filter(
        space=space,
        user_id__in=[viewer.pk, partner.pk],
        item__active=True,
        item__tier__lte=current.open_tier,
    ).values_list("user_id", "item_id", "token")
    for user_id, item_id, token in rows:
        values[user_id][item_id] = crypto.unseal(
            token, space_id=space.pk, user_id=user_id, item_id=item_id
        )
    mine, theirs = values[viewer.pk], values[partner.pk]
    confirmed = {
        (choice.user_id, choice.tier)
        for choice in TierChoice.objects.filter(
            space=space, user_id__in=[viewer.pk, partner.pk], confirmed_at__isnull=False
        )
    }
    tiers = {tier.number: tier for tier in Tier.objects.all()}
    per_tier: dict[int, list[Item]] = defaultdict(list)
    for item in items:
        per_tier[item.tier].append(item)

    result = []
    for number in range(MIN_TIER, current.open_tier + 1):
        tier_items = per_tier[number]
        view = TierMatches(
            number=number,
            tier=tiers.get(number),
            state="waiting",
            i_confirmed=(viewer.pk, number) in confirmed,
        )
        if view.i_confirmed and (partner.pk, number) in confirmed:
            view.state = "shown"
            for item in tier_items:
                other = _counterpart(item, by_key)
                mine_value = mine.get(item.pk)
                their_value = theirs.get(other.pk) if other is not None else None
                if mine_value in POSITIVE and their_value in POSITIVE:
                    match = Match(item=item, both_yes=mine_value == their_value == "yes")
                    (view.both_yes if match.both_yes else view.curious).append(match)
        elif all(item.pk in mine and item.pk in theirs for item in tier_items):
            # Items either partner added are left out of the count: otherwise adding one
            # and watching the count move would reveal the other's answer to it.
            listed = [item for item in tier_items if not item.custom]
            view.state = "confirm"
            view.list_total = len(listed)
            view.partner_count = sum(1 for item in listed if theirs.get(item.pk) in POSITIVE)
        result.append(view)
    return result


def confirm(space: Space, user: User, partner: User | None, number: Any, *, seen: Any) -> None:
    """Say "show our matches" for a tier, having seen the partner's count (``seen``)."""
    tier = check_tier_number(number)
    if isinstance(seen, bool) or not isinstance(seen, int):
        raise DesiresError(
            "bad_confirm", _("Confirm from the matches page, once you've seen the count.")
        )
    current = require_on(space, user, partner)
    if tier > current.open_tier:
        raise _tier_closed()
    view = next(v for v in matches(space, user, partner) if v.number == tier)
    if view.state == "shown" or view.i_confirmed:
        return
    if view.state != "confirm":
        raise DesiresError(
            "not_complete",
            _("Matches for this tier can show once you've both answered every item in it."),
            409,
        )
    if seen != view.partner_count:
        raise DesiresError(
            "count_changed",
            _("The count changed since you looked. Have another look before you confirm."),
            409,
        )
    choice = _choice(space, user, tier)
    choice.confirmed_at = timezone.now()
    choice.save(update_fields=["confirmed_at"])
