"""What a person wrote in Listen, for their data export: their own words only."""

from __future__ import annotations

from typing import Any

from closeknit.accounts.models import User
from closeknit.couples.models import Space
from closeknit.listen.models import Entry, ListenSession, Rating


def export(space: Space, user: User) -> dict[str, Any]:
    entries = Entry.objects.filter(turn__session__space=space, author=user).order_by("created_at")
    ratings = Rating.objects.filter(session__space=space, person=user).order_by("created_at")
    own_topics = ListenSession.objects.filter(space=space, started_by=user).exclude(own_topic="")
    return {
        "written": [
            {"kind": e.kind, "text": e.text, "written_at": e.created_at.isoformat()}
            for e in entries
        ],
        "felt_understood": [
            {"rating": r.understood, "at": r.created_at.isoformat()} for r in ratings
        ],
        "own_topics": [s.own_topic for s in own_topics.order_by("created_at")],
    }
