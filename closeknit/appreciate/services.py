"""The rules of the Appreciate practice.

* Either partner writes an appreciation for the other. The coach scores it and finds the
  qualities it praises at the moment of saving; it never blocks sending.
* An appreciation reaches exactly two people: its author (their sent list) and the partner it
  was written for (their jar). A partner who leaves takes their words with them.
* Only the one it was written for may save it as a favourite (private to them) or react with a
  heart and a few words (seen by the author).
* "Rediscover" shows a person qualities they praised 60 days ago or more and not since, in
  their own earlier words. It is computed for the writer alone.
* Each person sees counts of their own writing only: no ratios, no comparisons.

Every read of a partner's words goes through ``jar``, ``hard_day`` or ``get_received``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from closeknit.accounts.models import User
from closeknit.appreciate import qualities
from closeknit.appreciate.models import REPLY_MAX, TEXT_MAX, Appreciation, AppreciationQuality
from closeknit.coaching import appreciation as coach
from closeknit.core.timeutil import local_today
from closeknit.couples import access
from closeknit.couples.models import Space

PAGE_SIZE = 20
REDISCOVER_AFTER = dt.timedelta(days=60)
REDISCOVER_SHOWN = 2


class AppreciateError(Exception):
    def __init__(self, code: str, message: str | Promise, status: int = 400) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.status = status


def clean_text(text: Any, limit: int) -> str:
    text = str(text or "").replace("\r\n", "\n").strip()
    if len(text) > limit:
        raise AppreciateError(
            "too_long", _("Please keep it under %(limit)s characters.") % {"limit": f"{limit:,}"}
        )
    return text


# Writing


def write(space: Space, author: User, *, text: Any, now: dt.datetime | None = None) -> Appreciation:
    """Save an appreciation for the author's partner, whatever the coach thinks of it."""
    text = clean_text(text, TEXT_MAX)
    if not text:
        raise AppreciateError("empty", _("Write a few words for your partner first."))
    partner = access.partner_of(space, author)
    if partner is None:
        raise AppreciateError(
            "no_partner", _("Appreciations are for your partner: invite them first."), 409
        )
    now = now or timezone.now()
    assessment = coach.assess(text)
    found = [q for q in assessment.qualities if qualities.is_known(q)]
    with transaction.atomic():
        item = Appreciation.objects.create(
            space=space,
            author=author,
            recipient=partner,
            text=text,
            score=assessment.score,
            created_at=now,
            local_date=local_today(space.time_zone, now),
        )
        AppreciationQuality.objects.bulk_create(
            AppreciationQuality(appreciation=item, quality=slug, position=n)
            for n, slug in enumerate(found)
        )
    return item


# Reading: the only way a partner's words leave the database.


def _received(space: Space, viewer: User) -> QuerySet[Appreciation]:
    """What the viewer's active partner wrote for them. Nothing once the partner has left."""
    partner = access.partner_of(space, viewer)
    if partner is None:
        return Appreciation.objects.none()
    return Appreciation.objects.filter(space=space, recipient=viewer, author=partner)


def _sent(space: Space, author: User) -> QuerySet[Appreciation]:
    return Appreciation.objects.filter(space=space, author=author)


def _with_qualities(queryset: QuerySet[Appreciation]) -> QuerySet[Appreciation]:
    return queryset.prefetch_related("quality_rows")


def check_quality(quality: Any) -> str:
    quality = str(quality or "")
    if quality and not qualities.is_known(quality):
        raise AppreciateError("bad_quality", _("There is no such quality to filter by."))
    return quality


@dataclass
class Jar:
    page: Page[Appreciation]
    items: list[Appreciation]
    quality: str
    favourites: bool
    present: list[str]  # qualities found anywhere in the jar, for the filter chips


def jar(
    space: Space, viewer: User, *, quality: Any = "", favourites: bool = False, page: Any = 1
) -> Jar:
    """The viewer's jar, newest first, optionally only favourites or one quality.

    Counts are never computed for the page: how many a partner wrote is theirs to know.
    """
    quality = check_quality(quality)
    received = _received(space, viewer)
    items = received
    if favourites:
        items = items.filter(favourite=True)
    if quality:
        items = items.filter(quality_rows__quality=quality)
    items = _with_qualities(items.order_by("-created_at", "-pk"))
    page_obj = Paginator(items, PAGE_SIZE).get_page(page)
    present = set(
        AppreciationQuality.objects.filter(appreciation__in=received)
        .values_list("quality", flat=True)
        .distinct()
    )
    return Jar(
        page=page_obj,
        items=list(page_obj.object_list),
        quality=quality,
        favourites=favourites,
        present=[slug for slug in qualities.ORDER if slug in present],
    )


def sent(
    space: Space, author: User, *, page: Any = 1
) -> tuple[Page[Appreciation], list[Appreciation]]:
    """What the person wrote in this space, newest first, with their partner's reactions."""
    items = _with_qualities(_sent(space, author).order_by("-created_at", "-pk"))
    page_obj = Paginator(items, PAGE_SIZE).get_page(page)
    partner = access.partner_of(space, author)
    shown = list(page_obj.object_list)
    for item in shown:
        # A reaction is the partner's words: they leave with the partner.
        if partner is None or item.recipient_id != partner.pk:
            item.heart, item.reply = False, ""
    return page_obj, shown


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def get_visible(space: Space, viewer: User, appreciation_id: Any) -> Appreciation:
    """One the viewer wrote, or one their active partner wrote for them; otherwise 404."""
    pk = _int(appreciation_id)
    partner = access.partner_of(space, viewer)
    visible = Q(author=viewer)
    if partner is not None:
        visible |= Q(recipient=viewer, author=partner)
    item = _with_qualities(Appreciation.objects.filter(visible, space=space, pk=pk)).first()
    if item is None:
        raise Http404
    return item


def get_received(space: Space, viewer: User, appreciation_id: Any) -> Appreciation:
    """One written for the viewer. Their own sent one is a 409 (it is theirs, not for them)."""
    item = get_visible(space, viewer, appreciation_id)
    if item.author_id == viewer.pk:
        raise AppreciateError(
            "own", _("You wrote this one: only your partner can save it or react to it."), 409
        )
    return item


def set_favourite(
    space: Space, viewer: User, appreciation_id: Any, favourite: bool
) -> Appreciation:
    item = get_received(space, viewer, appreciation_id)
    if item.favourite != favourite:
        item.favourite = favourite
        item.save(update_fields=["favourite"])
    return item


def react(
    space: Space,
    viewer: User,
    appreciation_id: Any,
    *,
    words: Any = "",
    now: dt.datetime | None = None,
) -> Appreciation:
    """A heart, and optional words, from the one it was written for. Again replaces the words."""
    item = get_received(space, viewer, appreciation_id)
    item.heart = True
    item.reply = clean_text(words, REPLY_MAX)
    item.reacted_at = now or timezone.now()
    item.save(update_fields=["heart", "reply", "reacted_at"])
    return item


@dataclass
class HardDay:
    item: Appreciation | None
    from_favourites: bool


def hard_day(
    space: Space, viewer: User, *, rng: random.Random | None = None, avoid: Any = None
) -> HardDay:
    """One saved favourite at random, or any received one when none is saved yet.

    ``avoid`` names the one just shown, so "another one" differs whenever it can.
    """
    rng = rng or random.Random()
    received = _received(space, viewer)
    ids = list(received.filter(favourite=True).order_by("pk").values_list("pk", flat=True))
    from_favourites = bool(ids)
    if not ids:
        ids = list(received.order_by("pk").values_list("pk", flat=True))
    if not ids:
        return HardDay(item=None, from_favourites=False)
    if len(ids) > 1:
        ids = [pk for pk in ids if str(pk) != str(avoid)] or ids
    item = _with_qualities(Appreciation.objects.filter(pk=rng.choice(ids))).get()
    return HardDay(item=item, from_favourites=from_favourites)


# Rediscover: for the writer only.


@dataclass(frozen=True)
class Rediscovery:
    quality: str
    sentence: str  # "You once loved how …"
    earlier: Appreciation  # the writer's own most recent words praising it


def rediscover(
    space: Space, author: User, *, now: dt.datetime | None = None, limit: int = REDISCOVER_SHOWN
) -> list[Rediscovery]:
    """Qualities the author praised ``REDISCOVER_AFTER`` ago or more, and not since.

    Longest-unmentioned first. Built from the author's own appreciations only, so it can
    never carry the partner's words; the views show it to the author alone.
    """
    partner = access.partner_of(space, author)
    if partner is None:
        return []
    cutoff = (now or timezone.now()) - REDISCOVER_AFTER
    rows = AppreciationQuality.objects.filter(
        appreciation__space=space, appreciation__author=author
    )
    stale = list(
        rows.values("quality")
        .annotate(last=Max("appreciation__created_at"))
        .filter(last__lte=cutoff)
        .order_by("last", "quality")[:limit]
    )
    if not stale:
        return []
    match = Q()
    for row in stale:
        match |= Q(quality=row["quality"], appreciation__created_at=row["last"])
    earlier: dict[str, Appreciation] = {}
    for found in rows.filter(match).select_related("appreciation").order_by("-appreciation__pk"):
        earlier.setdefault(found.quality, found.appreciation)
    return [
        Rediscovery(
            quality=row["quality"],
            sentence=qualities.once_loved(row["quality"], partner.name),
            earlier=earlier[row["quality"]],
        )
        for row in stale
        if row["quality"] in earlier and qualities.is_known(row["quality"])
    ]


# Counts, Tonight and Progress: one's own only.


@dataclass(frozen=True)
class OwnCounts:
    written: int
    this_month: int


def own_counts(space: Space, author: User, *, now: dt.datetime | None = None) -> OwnCounts:
    today = local_today(space.time_zone, now)
    mine = _sent(space, author)
    return OwnCounts(
        written=mine.count(),
        this_month=mine.filter(local_date__gte=today - dt.timedelta(days=29)).count(),
    )


def wrote_on(space: Space, author: User, date: dt.date) -> bool:
    return _sent(space, author).filter(local_date=date).exists()


def wrote_today(space: Space, author: User, *, now: dt.datetime | None = None) -> bool:
    """Whether the person wrote one on the space's local today."""
    return wrote_on(space, author, local_today(space.time_zone, now))


def dates_written(space: Space, author: User, start: dt.date, end: dt.date) -> list[dt.date]:
    """Local dates on which this person wrote an appreciation (for adherence)."""
    return sorted(
        set(
            _sent(space, author)
            .filter(local_date__gte=start, local_date__lte=end)
            .values_list("local_date", flat=True)
        )
    )
