"""What a person wrote in Appreciate, for their data export: their own words only."""

from __future__ import annotations

from typing import Any

from closeknit.accounts.models import User
from closeknit.appreciate.models import Appreciation
from closeknit.couples.models import Space


def export(space: Space, user: User) -> dict[str, Any]:
    sent = Appreciation.objects.filter(space=space, author=user).order_by("created_at")
    received = Appreciation.objects.filter(space=space, recipient=user).order_by("created_at")
    return {
        "written": [{"text": a.text, "written_at": a.created_at.isoformat()} for a in sent],
        # On appreciations written for you: only what you did (your favourite, heart and words).
        "your_reactions": [
            {
                "favourite": a.favourite,
                "heart": a.heart,
                "reply": a.reply,
                "reacted_at": a.reacted_at.isoformat() if a.reacted_at else None,
            }
            for a in received
            if a.favourite or a.heart or a.reply
        ],
    }
