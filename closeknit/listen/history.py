"""Looking back: past sessions with your own ratings, and your listening over time.

Everything here is read for the viewer about themself: their own rating of each session, and
the coach's notes stored on their own reflections. Nothing reads a partner's words.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q
from django.utils.functional import Promise

from closeknit.accounts.models import User
from closeknit.coaching import listening
from closeknit.core.timeutil import local_today
from closeknit.couples.models import Space
from closeknit.listen import coach
from closeknit.listen.models import Entry, ListenSession, Rating, Turn

PAGE_SIZE = 20
MIN_FOR_TRENDS = 6  # written reflections before the summary compares earlier and recent
SUMMARY_WINDOW = 200  # the most recent reflections the summary reads


@dataclass
class HistoryRow:
    session: ListenSession
    my_rating: int | None
    understood_turns: int


def sessions(space: Space, viewer: User, *, page: Any = 1) -> tuple[Page[Any], list[HistoryRow]]:
    """Ended sessions, newest first, each with the viewer's own rating only."""
    ended = (
        ListenSession.objects.filter(space=space, ended_at__isnull=False)
        .select_related("topic")
        .annotate(understood_turns=Count("turns", filter=Q(turns__confirmed_at__isnull=False)))
        .prefetch_related(
            Prefetch("ratings", queryset=Rating.objects.filter(person=viewer), to_attr="mine")
        )
        .order_by("-ended_at", "-pk")
    )
    page_obj = Paginator(ended, PAGE_SIZE).get_page(page)
    rows = [
        HistoryRow(
            session=s,
            my_rating=s.mine[0].understood if s.mine else None,  # type: ignore[attr-defined]
            understood_turns=s.understood_turns,  # type: ignore[attr-defined]
        )
        for s in page_obj.object_list
    ]
    return page_obj, rows


@dataclass(frozen=True)
class Trend:
    name: str
    label: str
    earlier: int
    recent: int
    earlier_of: int
    recent_of: int

    @property
    def direction(self) -> str:
        """Whether the recent share is "up", "down" or the "same" as the earlier one."""
        earlier = self.earlier / self.earlier_of
        recent = self.recent / self.recent_of
        if math.isclose(earlier, recent):
            return "same"
        return "up" if recent > earlier else "down"


@dataclass
class ListeningSummary:
    reflections: int
    understood_as_listener: int  # turns in which your partner said you got it
    first_try: int  # ... of them at the first try
    flags: list[Trend] = field(default_factory=list)
    strengths: list[Trend] = field(default_factory=list)

    @property
    def enough(self) -> bool:
        return self.reflections >= MIN_FOR_TRENDS

    @property
    def earlier_of(self) -> int:
        return self.reflections // 2

    @property
    def recent_of(self) -> int:
        return self.reflections - self.earlier_of

    @property
    def fading(self) -> list[Trend]:
        return [t for t in self.flags if t.direction == "down"]

    @property
    def growing(self) -> list[Trend]:
        return [t for t in self.strengths if t.direction == "up"]


def _trends(
    notes: list[dict[str, Any]], key: str, names: tuple[str, ...], labels: dict[str, Promise]
) -> list[Trend]:
    half = len(notes) // 2
    earlier, recent = notes[:half], notes[half:]
    trends = []
    for name in names:
        before = sum(1 for n in earlier if name in n.get(key, []))
        after = sum(1 for n in recent if name in n.get(key, []))
        if before or after:
            trends.append(Trend(name, str(labels[name]), before, after, len(earlier), len(recent)))
    return trends


def listening_summary(space: Space, viewer: User) -> ListeningSummary:
    """The viewer's own listening over time, from the coach's notes stored on their reflections.

    Only ever computed for the viewer about themself. Compares the earlier half of their
    written reflections with the recent half, as counts, never as a score.
    """
    stored = list(
        Entry.objects.filter(author=viewer, kind=Entry.Kind.REFLECTION, turn__session__space=space)
        .order_by("-created_at", "-pk")
        .values_list("coach", flat=True)[:SUMMARY_WINDOW]
    )
    stored.reverse()
    notes = [n if isinstance(n, dict) else {} for n in stored]
    counts = Turn.objects.filter(
        session__space=space, listener=viewer, confirmed_at__isnull=False
    ).aggregate(total=Count("pk"), first=Count("pk", filter=Q(attempts=0)))
    summary = ListeningSummary(
        reflections=len(notes),
        understood_as_listener=counts["total"] or 0,
        first_try=counts["first"] or 0,
    )
    if summary.enough:
        summary.flags = _trends(notes, "flags", listening.FLAGS, coach.FLAG_LABELS)
        summary.strengths = _trends(notes, "strengths", listening.STRENGTHS, coach.STRENGTH_LABELS)
    return summary


# Tonight and adherence


def _taken_part(user: User) -> Q:
    return Q(turns__speaker=user) | Q(turns__listener=user)


def dates_completed(space: Space, user: User, start: dt.date, end: dt.date) -> list[dt.date]:
    """Local dates of the sessions this person completed (for adherence)."""
    dates = ListenSession.objects.filter(
        _taken_part(user), space=space, completed_on__gte=start, completed_on__lte=end
    ).values_list("completed_on", flat=True)
    return sorted({day for day in dates if day is not None})


def completed_today(space: Space, user: User, *, now: dt.datetime | None = None) -> bool:
    today = local_today(space.time_zone, now)
    return ListenSession.objects.filter(_taken_part(user), space=space, completed_on=today).exists()
